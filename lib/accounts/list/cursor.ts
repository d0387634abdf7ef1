import { ACCOUNT_SORTS, type AccountSort } from "./filter-table";

/**
 * Opaque keyset cursors for the accounts list: the ordering they were made
 * for, the direction, and the last row's sort key (an ISO instant: the
 * orderings fold "no call yet" / "not evaluated" into sentinel instants, see
 * sql.ts) and id. A page never depends on how many rows came before it (no
 * OFFSET). base64url JSON, so clients treat it as a token.
 */
export interface AccountCursor {
  sort: AccountSort;
  direction: "next" | "prev";
  key: { at: string; id: string };
}

interface Wire {
  v: 1;
  s: AccountSort;
  d: "n" | "p";
  k: string;
  i: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const SORTS: ReadonlySet<string> = new Set(ACCOUNT_SORTS);

export class InvalidAccountCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidAccountCursorError";
  }
}

export function encodeAccountCursor(cursor: AccountCursor): string {
  const wire: Wire = { v: 1, s: cursor.sort, d: cursor.direction === "next" ? "n" : "p", k: cursor.key.at, i: cursor.key.id };
  return Buffer.from(JSON.stringify(wire), "utf8").toString("base64url");
}

/** Decodes and checks a cursor made for `sort`; throws InvalidAccountCursorError with the reason. */
export function decodeAccountCursor(token: string, sort: AccountSort): AccountCursor {
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<Wire>;
  } catch {
    throw new InvalidAccountCursorError("is not a cursor returned by this API");
  }
  const valid =
    !!wire &&
    typeof wire === "object" &&
    wire.v === 1 &&
    SORTS.has(String(wire.s)) &&
    (wire.d === "n" || wire.d === "p") &&
    typeof wire.i === "string" &&
    UUID.test(wire.i) &&
    typeof wire.k === "string" &&
    ISO_INSTANT.test(wire.k) &&
    !Number.isNaN(Date.parse(wire.k));
  if (!valid) throw new InvalidAccountCursorError("is not a cursor returned by this API");
  if (wire.s !== sort) throw new InvalidAccountCursorError(`was made for sort=${wire.s}; request the first page again for sort=${sort}`);
  return { sort, direction: wire.d === "n" ? "next" : "prev", key: { at: wire.k!, id: wire.i! } };
}
