import "server-only";
import { UNASSIGNED } from "@/lib/accounts/list/filter-table";
import { getAccountFacets, listAccounts } from "@/lib/accounts/list/queries";
import { type AccountFilters, NO_ACCOUNT_FILTERS } from "@/lib/accounts/list/search-params";
import type { AccountList } from "@/lib/accounts/list/types";
import { rebuildAllAccounts } from "@/lib/accounts/rebuild";
import { getPrisma } from "@/lib/db/client";
import type { Summary } from "./stats";
import { TARGETS } from "./targets";

/**
 * The /accounts figures of `npm run bench`: the list's production functions
 * (lib/accounts/list/queries.ts, role check included) for every filter, a
 * page 10,000 rows deep beside the first, the facet counts, each with the
 * EXPLAIN of what it sent. The accounts are derived from the loaded calls
 * first (crm:rebuild's code) when the database has none yet.
 * Target (issue 17): any filter p95 ≤ 50 ms; a deep page ≤ 2× the first.
 */
const PAGE = 50;
const WALK_PAGE = 200;

type Sort = "lastCall.desc" | "nextCall.asc";

// The run.ts case runner, passed in (run.ts imports this file).
type RunCase = (
  ctx: AccountBenchContext,
  spec: {
    id: string;
    group: "accounts";
    label: string;
    production: () => Promise<unknown>;
    naive?: { label: string; run: () => Promise<unknown> };
    notes?: (result: never) => string[];
    target?: (summary: Summary) => { text: string; met: boolean } | null;
  },
) => Promise<{ production: Summary | null }>;

export interface AccountBenchContext {
  log: (line: string) => void;
  options: { deepRows: number; accounts: boolean };
  naivePool: import("pg").Pool;
  explainClient: import("pg").Client;
}

const withinMs = (limit: number) => (s: Summary) => ({ text: `p95 ≤ ${limit} ms`, met: s.p95 <= limit });
const notes = (list: AccountList) => [`total ${list.total.toLocaleString("en-US")}`, `sort ${list.sort}`];

async function walkTo(filters: AccountFilters, sort: Sort, depth: number): Promise<{ cursor: string | null; depth: number }> {
  let cursor: string | null = null;
  let seen = 0;
  while (seen < depth) {
    const page: AccountList = await listAccounts(filters, { sort, cursor, limit: Math.min(WALK_PAGE, depth - seen) }, { withTotal: false });
    seen += page.items.length;
    if (!page.nextCursor) return { cursor: null, depth: seen };
    cursor = page.nextCursor;
  }
  return { cursor, depth: seen };
}

export async function accountFigures<C extends AccountBenchContext>(ctx: C, runCase: RunCase): Promise<void> {
  const { log } = ctx;
  const existing = await ctx.explainClient.query<{ n: number }>("SELECT count(*)::int AS n FROM crm_accounts");
  if ((existing.rows[0]?.n ?? 0) === 0) {
    if (!ctx.options.accounts) {
      log("Accounts list: skipped (--skip-accounts and no accounts derived yet).");
      return;
    }
    log("Deriving accounts from the loaded calls (rebuildAllAccounts, lib/accounts/rebuild.ts):");
    const summary = await rebuildAllAccounts(getPrisma(), { log: (line) => log(`  ${line}`) });
    log(
      `  ${summary.accounts.toLocaleString("en-US")} accounts from ${summary.calls.toLocaleString("en-US")} calls: link ${summary.linkSeconds.toFixed(1)} s, derive ${summary.deriveSeconds.toFixed(1)} s`,
    );
  }
  await ctx.explainClient.query("ANALYZE crm_accounts, crm_account_numbers, crm_call_links");
  const facts = await ctx.explainClient.query<{ accounts: number; portfolio: string | null; number: string | null; key: string | null }>(
    `SELECT (SELECT count(*)::int FROM crm_accounts) AS accounts,
            (SELECT p FROM crm_accounts, unnest(portfolios) p GROUP BY p ORDER BY count(*) DESC LIMIT 1) AS portfolio,
            (SELECT number FROM crm_account_numbers ORDER BY account_id LIMIT 1) AS number,
            (SELECT key FROM crm_accounts ORDER BY id LIMIT 1) AS key`,
  );
  const f = facts.rows[0]!;
  log(`Accounts list (listAccounts, lib/accounts/list/queries.ts) over ${f.accounts.toLocaleString("en-US")} accounts:`);
  const key = f.key ? f.key.slice(f.key.indexOf(":") + 1).slice(0, 4) : "A";
  const scenarios: { key: string; label: string; filters: AccountFilters; sort: Sort; deep?: boolean }[] = [
    { key: "none", label: "no filter", filters: NO_ACCOUNT_FILTERS, sort: "lastCall.desc", deep: true },
    { key: "next-call", label: "sorted by next permissible call", filters: NO_ACCOUNT_FILTERS, sort: "nextCall.asc", deep: true },
    { key: "broken", label: "has broken promise", filters: { ...NO_ACCOUNT_FILTERS, broken: true }, sort: "lastCall.desc", deep: true },
    { key: "due", label: "promise due in 7 days", filters: { ...NO_ACCOUNT_FILTERS, dueIn: 7 }, sort: "lastCall.desc", deep: true },
    { key: "callback", label: "open callback", filters: { ...NO_ACCOUNT_FILTERS, callback: true }, sort: "lastCall.desc", deep: true },
    { key: "wrong", label: "wrong number", filters: { ...NO_ACCOUNT_FILTERS, wrongNumber: true }, sort: "lastCall.desc", deep: true },
    { key: "never", label: "never reached", filters: { ...NO_ACCOUNT_FILTERS, neverReached: true }, sort: "lastCall.desc", deep: true },
    {
      key: "portfolio",
      label: `portfolio (${f.portfolio ?? "none"})`,
      filters: { ...NO_ACCOUNT_FILTERS, portfolio: [f.portfolio ?? "(none)"] },
      sort: "lastCall.desc",
      deep: true,
    },
    {
      key: "unassigned",
      label: "unassigned",
      filters: { ...NO_ACCOUNT_FILTERS, assignee: [UNASSIGNED] },
      sort: "lastCall.desc",
      deep: true,
    },
    {
      key: "combined",
      label: "broken + portfolio + never reached, by next call",
      filters: { ...NO_ACCOUNT_FILTERS, broken: true, portfolio: [f.portfolio ?? "(none)"], neverReached: false },
      sort: "nextCall.asc",
    },
    {
      key: "search-number",
      label: "search by number prefix",
      filters: { ...NO_ACCOUNT_FILTERS, q: (f.number ?? "+1312").slice(0, 8) },
      sort: "lastCall.desc",
    },
    { key: "search-key", label: `search by key prefix (${key})`, filters: { ...NO_ACCOUNT_FILTERS, q: key }, sort: "lastCall.desc" },
  ];
  for (const s of scenarios) {
    const first = await runCase(ctx, {
      id: `accounts.${s.key}.first`,
      group: "accounts",
      label: `accounts: ${s.label}, first page`,
      production: () => listAccounts(s.filters, { sort: s.sort, cursor: null, limit: PAGE }),
      notes: notes as (r: never) => string[],
      target: withinMs(TARGETS.listP95Ms),
    });
    if (!s.deep) continue;
    let walked = await walkTo(s.filters, s.sort, ctx.options.deepRows);
    if (!walked.cursor) {
      const available = walked.depth;
      walked = await walkTo(s.filters, s.sort, Math.floor(available / 2));
      if (!walked.cursor) {
        log(`  (accounts: ${s.label}: only ${available} rows, no deep page)`);
        continue;
      }
    }
    const { cursor, depth } = walked;
    const offsetSql =
      s.sort === "lastCall.desc"
        ? "SELECT id FROM crm_accounts ORDER BY last_call_at DESC NULLS LAST, id DESC OFFSET $1 LIMIT 50"
        : "SELECT id FROM crm_accounts ORDER BY next_call_at NULLS LAST, id OFFSET $1 LIMIT 50";
    await runCase(ctx, {
      id: `accounts.${s.key}.deep`,
      group: "accounts",
      label: `accounts: ${s.label}, ${depth.toLocaleString("en-US")} rows deep`,
      production: () => listAccounts(s.filters, { sort: s.sort, cursor, limit: PAGE }),
      naive:
        s.filters === NO_ACCOUNT_FILTERS ? { label: `OFFSET ${depth}`, run: () => ctx.naivePool.query(offsetSql, [depth]) } : undefined,
      notes: notes as (r: never) => string[],
      target: (sum) => {
        const ratio = sum.p50 / (first.production?.p50 ?? Number.NaN);
        return {
          text: `p95 ≤ ${TARGETS.listP95Ms} ms and p50 ≤ ${TARGETS.deepOverFirst}× first page (${Number.isFinite(ratio) ? ratio.toFixed(2) : "?"}×)`,
          met: sum.p95 <= TARGETS.listP95Ms && ratio <= TARGETS.deepOverFirst,
        };
      },
    });
  }
  for (const s of [scenarios[0]!, scenarios[2]!]) {
    await runCase(ctx, {
      id: `accounts.facets.${s.key}`,
      group: "accounts",
      label: `accounts: facet counts, ${s.label}`,
      production: () => getAccountFacets(s.filters),
      target: withinMs(TARGETS.listP95Ms),
    });
  }
}
