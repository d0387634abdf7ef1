import "server-only";
import { recordAudit } from "@/lib/auth/audit";
import { requireRole } from "@/lib/auth/guard";
import { getPrisma } from "@/lib/db/client";
import { CSV_BOM, type CsvValue, csvRows } from "@/lib/http/csv";
import type { AccountSort } from "./filter-table";
import { runListAccounts } from "./query";
import { type AccountFilters, activeAccountFilters } from "./search-params";
import type { AccountListItem } from "./types";

/**
 * CSV of every account matching the list's filters, in the list's order:
 * keyset batches through the page's own query, streamed (never the whole set
 * in memory), written by the one CSV writer (lib/http/csv.ts: formula starts neutralised).
 */
const BATCH_SIZE = 1_000;

export const ACCOUNT_CSV_COLUMNS: { header: string; get: (a: AccountListItem) => CsvValue }[] = [
  { header: "id", get: (a) => a.id },
  { header: "key", get: (a) => a.key },
  // "status number" pairs: a cell starting with "+" and more than a number would be neutralised as a formula.
  { header: "numbers", get: (a) => a.numbers.map((n) => `${n.status} ${n.number}`).join("; ") },
  { header: "portfolios", get: (a) => a.portfolios.join("; ") },
  { header: "calls", get: (a) => a.calls },
  { header: "lastCallAt", get: (a) => a.lastCall?.at },
  { header: "lastOutcome", get: (a) => a.lastCall?.outcome },
  { header: "lastSentiment", get: (a) => a.lastCall?.sentiment },
  { header: "openPromiseAmountCents", get: (a) => a.openPromise?.amountCents },
  { header: "openPromiseCurrency", get: (a) => a.openPromise?.currency },
  { header: "openPromiseDue", get: (a) => a.openPromise?.dueDate },
  { header: "openPromiseStatus", get: (a) => a.openPromise?.status },
  { header: "openCallbackDue", get: (a) => a.openCallback?.dueAt },
  { header: "brokenPromises", get: (a) => a.brokenPromises },
  { header: "wrongNumbers", get: (a) => a.wrongNumbers },
  { header: "rightPartyContacts", get: (a) => a.rightPartyContacts },
  { header: "attemptsLast7Days", get: (a) => a.attemptsLast7Days },
  { header: "nextCallAt", get: (a) => a.nextCall?.at },
  { header: "nextCallReason", get: (a) => a.nextCall?.reason },
  { header: "assignee", get: (a) => a.assignee?.name ?? a.assignee?.id },
];

export async function* iterateMatchingAccounts(filters: AccountFilters, sort: AccountSort): AsyncGenerator<AccountListItem[]> {
  const db = getPrisma();
  let cursor: string | null = null;
  for (;;) {
    const page = await runListAccounts(db, filters, { sort, cursor, limit: BATCH_SIZE }, { withTotal: false, invalidCursor: "throw" });
    if (page.items.length) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export function accountsExportFileName(filters: AccountFilters, now = new Date()): string {
  const parts = activeAccountFilters(filters).map((d) => d.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  return `${["accounts", ...parts].join("_").slice(0, 120)}_${now.toISOString().slice(0, 10)}.csv`;
}

/** Role check, an audit entry, then the CSV bytes (the first batch is read before answering, so a failure is an error status). */
export async function startAccountsExport(filters: AccountFilters, sort: AccountSort, request: { ipAddress?: string | null } = {}) {
  const viewer = await requireRole("agent");
  const fileName = accountsExportFileName(filters);
  const batches = iterateMatchingAccounts(filters, sort);
  let pending: IteratorResult<AccountListItem[]> | undefined = await batches.next();
  await recordAudit({
    actorId: viewer.id,
    actorEmail: viewer.via === "session" ? viewer.email : null,
    action: "accounts.export",
    target: "accounts",
    details: { fileName, filters: Object.fromEntries(activeAccountFilters(filters).map((d) => [d, filters[d]])), sort },
    ipAddress: request.ipAddress ?? null,
  });
  const encoder = new TextEncoder();
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!headerSent) {
            headerSent = true;
            controller.enqueue(encoder.encode(CSV_BOM + csvRows([ACCOUNT_CSV_COLUMNS.map((c) => c.header)])));
            return;
          }
          const next = pending ?? (await batches.next());
          pending = undefined;
          if (next.done) return controller.close();
          controller.enqueue(encoder.encode(csvRows(next.value.map((a) => ACCOUNT_CSV_COLUMNS.map((c) => c.get(a))))));
        } catch (error) {
          console.error("[accounts export] stopped:", error instanceof Error ? error.message : error);
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return { fileName, stream };
}
