import "server-only";
import { format } from "date-fns";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole, type Viewer } from "@/lib/auth/guard";
import { getPrisma } from "@/lib/db/client";
import { CSV_BOM, type CsvValue, csvRows } from "@/lib/http/csv";
import type { ListField } from "./columns";
import { activeDimensions, type CallFilters } from "./filters";
import { type CallListItem, runListCalls } from "./list-query";
import type { CallSort } from "./search-params";

/**
 * CSV of EVERY call matching a filter, streamed: keyset batches through the
 * same list query the page uses (so the file holds exactly the listed rows, in
 * the listed order), written out as they arrive, never the whole set in memory.
 */
// Small enough that each batch stays an ordered index range scan: at 5,000 the planner starts
// preferring "bitmap over the whole range + top-N sort", re-reading the range for every batch (2.5x slower).
const BATCH_SIZE = 2_000;

/** The CSV's columns, in file order: list fields (lib/calls/columns.ts) under their own names; metadata stays out. */
const CSV_FIELDS = [
  "id",
  "receivedAt",
  "providerCallId",
  "numberTo",
  "numberFrom",
  "callOutput",
  "sentimentOutput",
  "duration",
  "deliveryStatus",
  "providerStatus",
  "projectId",
  "endedReason",
  "summary",
  "callOutputReasoning",
  "sentimentOutputReasoning",
  "recordingUrl",
  "deliveredAt",
] as const satisfies readonly Exclude<ListField, "metadata">[];

export const CSV_COLUMNS: { header: string; get: (c: CallListItem) => string | number | null }[] = CSV_FIELDS.map((field) => ({
  header: field,
  get: (c) => c[field],
}));

/** Every matching call, batch by batch, in the list's order. */
export async function* iterateMatchingCalls(filters: CallFilters, sort: CallSort): AsyncGenerator<CallListItem[]> {
  const db = getPrisma();
  let cursor: string | null = null;
  for (;;) {
    const page = await runListCalls(
      db,
      filters,
      { sort, cursor, limit: BATCH_SIZE },
      { withTotal: false, withPreview: false, invalidCursor: "throw" },
    );
    if (page.items.length) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/** Formula starts are neutralised by the one CSV writer (lib/http/csv.ts), for every cell. */
export { neutraliseFormula } from "@/lib/http/csv";

export function csvRow(call: CallListItem): CsvValue[] {
  return CSV_COLUMNS.map(({ get }) => get(call));
}

/** `calls_outcome-payment-promise_sentiment-negative_2026-11-28.csv`: the filter, then the day of the export. */
export function exportFileName(filters: CallFilters, now = new Date()): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const parts: string[] = [];
  for (const dim of activeDimensions(filters)) {
    switch (dim) {
      case "outcome":
      case "sentiment":
      case "project":
        parts.push(`${dim}-${filters[dim].map(slug).join("+")}`);
        break;
      case "q":
        parts.push(`search-${slug(filters.q ?? "")}`);
        break;
      case "from":
        parts.push(`from-${day(filters.from!)}`);
        break;
      case "to":
        parts.push(`to-${day(filters.to!)}`);
        break;
      case "deliveryStatus":
        parts.push(`delivery-${slug(filters.deliveryStatus ?? "")}`);
        break;
      case "providerStatus":
        parts.push(`provider-${slug(filters.providerStatus ?? "")}`);
        break;
      case "durationMin":
        parts.push(`min-${filters.durationMin}s`);
        break;
      case "durationMax":
        parts.push(`max-${filters.durationMax}s`);
        break;
      case "hasRecording":
        parts.push(filters.hasRecording ? "with-recording" : "without-recording");
        break;
    }
  }
  const name = ["calls", ...parts]
    .join("_")
    .slice(0, 150)
    .replace(/[-_+]+$/, "");
  return `${name}_${format(now, "yyyy-MM-dd")}.csv`;
}

export interface CallsExport {
  fileName: string;
  stream: ReadableStream<Uint8Array>;
}

/** Checks the role, records the export in the audit trail, and returns the CSV as a byte stream. */
export async function startCallsExport(
  filters: CallFilters,
  sort: CallSort,
  request: { ipAddress?: string | null } = {},
): Promise<CallsExport> {
  const viewer: Viewer = await requireRole("agent");
  const fileName = exportFileName(filters);
  // The first batch is read before the response starts, so a query that fails
  // outright answers with an error status instead of a 200 with a header-only
  // file (and records no export that did not happen).
  const batches = iterateMatchingCalls(filters, sort);
  const first = await batches.next();
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.via === "session" ? viewer.email : null,
    action: "calls.export",
    target: "calls",
    details: { fileName, filters: describeForAudit(filters), sort },
    ipAddress: request.ipAddress ?? null,
  });
  return { fileName, stream: csvStream(batches, first) };
}

function describeForAudit(filters: CallFilters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const dim of activeDimensions(filters)) {
    const v = filters[dim];
    out[dim] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/**
 * The CSV byte stream; pulling drives the database reads, so a slow client
 * slows the export instead of buffering it. A failure mid-way ERRORS the
 * stream (never closes it): Next.js then destroys the connection without the
 * final chunk, so the client sees a broken download, not a complete-looking
 * file that silently lacks rows.
 */
export function csvStream(batches: AsyncGenerator<CallListItem[]>, first?: IteratorResult<CallListItem[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  let pending = first;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!headerSent) {
            headerSent = true;
            // A byte-order mark so spreadsheet apps read the UTF-8 (names, currency symbols) correctly.
            controller.enqueue(encoder.encode(CSV_BOM + csvRows([CSV_COLUMNS.map((c) => c.header)])));
            return;
          }
          const next = pending ?? (await batches.next());
          pending = undefined;
          if (next.done) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(csvRows(next.value.map(csvRow))));
        } catch (error) {
          console.error("[calls export] stopped:", error instanceof Error ? error.message : error);
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    // Pull only when the client reads: with the default (one chunk ahead) the next batch's query
    // would start as soon as the previous batch was handed over, before the client asked for it.
    { highWaterMark: 0 },
  );
}
