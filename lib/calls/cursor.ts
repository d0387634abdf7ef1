import type { CallSort } from "./search-params";

/**
 * Opaque keyset cursors. A cursor names a position in one ordering (the sort
 * it was made for) by the last row's sort key and id, so a page never
 * depends on how many rows came before it: inserts between two requests
 * neither duplicate nor skip rows, and a page 10,000 rows deep costs what the
 * first one does (no OFFSET).
 *
 * Encoded as base64url JSON so clients treat it as a token, not an API.
 */
export type CursorDirection = "next" | "prev";

export interface CursorKey {
  /** receivedAt: ISO instant; duration: seconds; relevance: `<rank as PostgreSQL printed it>|<receivedAt ISO>`. */
  value: string | number;
  id: string;
}

export interface Cursor {
  sort: CallSort;
  direction: CursorDirection;
  key: CursorKey;
}

interface Wire {
  v: 1;
  s: CallSort;
  d: "n" | "p";
  k: string | number;
  i: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SORTS: ReadonlySet<string> = new Set<CallSort>(["receivedAt.desc", "receivedAt.asc", "duration.desc", "duration.asc", "relevance"]);

export function encodeCursor(cursor: Cursor): string {
  const wire: Wire = { v: 1, s: cursor.sort, d: cursor.direction === "next" ? "n" : "p", k: cursor.key.value, i: cursor.key.id };
  return Buffer.from(JSON.stringify(wire), "utf8").toString("base64url");
}

export class InvalidCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidCursorError";
  }
}

/**
 * Decodes and checks a cursor; it must have been made for `sort`. A search
 * sorted by relevance falls back to newest-first when it matches too many calls
 * to rank (planSearch in lib/calls/list-query.ts), so its cursors may carry either ordering: the
 * cursor's own ordering wins, keeping every page of one listing consistent.
 * Throws InvalidCursorError with a reason.
 */
const MAX_INT4 = 2 ** 31 - 1;
const MAX_REAL = 3.4028234e38;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function isInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** `<rank>|<receivedAt>`: ts_rank is a non-negative real. */
function isRankKey(value: string): boolean {
  const [rank, at, ...rest] = value.split("|");
  if (rest.length || !rank || !at || !/^\d+(\.\d+)?(e-?\d+)?$/i.test(rank)) return false;
  const n = Number(rank);
  return Number.isFinite(n) && n <= MAX_REAL && isInstant(at);
}

export function decodeCursor(token: string, sort: CallSort): Cursor {
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<Wire>;
  } catch {
    throw new InvalidCursorError("is not a cursor returned by this API");
  }
  if (!wire || typeof wire !== "object" || wire.v !== 1 || !SORTS.has(String(wire.s)) || (wire.d !== "n" && wire.d !== "p")) {
    throw new InvalidCursorError("is not a cursor returned by this API");
  }
  if (typeof wire.i !== "string" || !UUID.test(wire.i)) throw new InvalidCursorError("is not a cursor returned by this API");
  const fits = wire.s === sort || (sort === "relevance" && wire.s === "receivedAt.desc");
  if (!fits) throw new InvalidCursorError(`was made for sort=${wire.s}; request the first page again for sort=${sort}`);
  const ordering = wire.s as CallSort;
  const key = wire.k;
  // Only values this API writes, inside the ranges of the columns they are compared with (real, integer,
  // timestamptz): anything else would make PostgreSQL refuse the query.
  const valid = ordering.startsWith("receivedAt")
    ? typeof key === "string" && isInstant(key)
    : ordering.startsWith("duration")
      ? typeof key === "number" && Number.isInteger(key) && key >= 0 && key <= MAX_INT4
      : typeof key === "string" && isRankKey(key);
  if (!valid) throw new InvalidCursorError("is not a cursor returned by this API");
  return { sort: ordering, direction: wire.d === "n" ? "next" : "prev", key: { value: key as string | number, id: wire.i } };
}
