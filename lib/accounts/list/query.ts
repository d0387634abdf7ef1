import "server-only";
import type { PrismaClient } from "@/lib/db/generated/client";
import { Prisma } from "@/lib/db/generated/client";
import { type AccountCursor, decodeAccountCursor, encodeAccountCursor, InvalidAccountCursorError } from "./cursor";
import type { AccountFilters, AccountPageRequest } from "./search-params";
import { keysetSql, NO_CALL_YET, NOT_EVALUATED, orderSql, scanDescending, sortKeySql, whereAlternatives, whereSql } from "./sql";
import type { AccountList, AccountListItem } from "./types";

export { computeAccountFacets } from "./facets";

/**
 * One page of the accounts list. Internal: queries.ts is the guarded entry.
 *
 * Plan: the page's ids come from one keyset range scan on the ordering's
 * index (or a flag's partial index), LIMIT n + 1, never OFFSET; only those
 * rows are then joined to what the list shows and crm_accounts does not keep:
 * the numbers, the last call's outcome and sentiment, the assignee's name and
 * the attempts in the last 7 days (counted from crm_call_links (account_id,
 * placed_at) per row, since "the last 7 days" moves). The total runs beside
 * it on its own connection.
 */
type Db = PrismaClient;

export interface AccountListOptions {
  withTotal?: boolean;
  /** "ignore": a cursor that does not fit is dropped (UI); "throw": InvalidAccountCursorError (API → 400). */
  invalidCursor?: "ignore" | "throw";
}

interface PageRow {
  id: string;
  key: string;
  key_source: string;
  sort_at: Date;
  portfolios: string[];
  calls: number;
  right_party_contacts: number;
  last_call_at: Date | null;
  last_call_id: string | null;
  last_outcome: string | null;
  last_sentiment: string | null;
  open_promise_id: string | null;
  open_promise_due: Date | null;
  open_promise_amount_cents: number | null;
  open_promise_currency: string | null;
  open_promise_overdue: boolean;
  open_callback_due: Date | null;
  broken_promises: number;
  wrong_numbers: number;
  next_call_at: Date | null;
  next_call_reason: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  numbers: { number: string; status: string }[] | null;
  attempts: number;
}

export async function runListAccounts(db: Db, filters: AccountFilters, page: AccountPageRequest, options: AccountListOptions = {}) {
  let cursor: AccountCursor | null = null;
  if (page.cursor) {
    try {
      cursor = decodeAccountCursor(page.cursor, page.sort);
    } catch (error) {
      if (options.invalidCursor === "throw" || !(error instanceof InvalidAccountCursorError)) throw error;
    }
  }
  const { sort, limit } = page;
  const descending = scanDescending(sort, cursor);
  const sortKey = sortKeySql(sort);
  const keyset = keysetSql(sort, cursor, descending);
  const alternatives = whereAlternatives(filters);
  const ids = (where: Prisma.Sql) => Prisma.sql`
      SELECT a.id, ${sortKey} AS sort_at FROM crm_accounts a
       WHERE ${where} AND ${keyset}
       ORDER BY ${orderSql(sort, descending)} LIMIT ${limit + 1}`;
  // A search: each alternative's first n + 1 in order, then the first n + 1 of their union.
  const candidates =
    alternatives.length === 1
      ? ids(alternatives[0]!)
      : Prisma.sql`
      SELECT u.id, u.sort_at FROM (${Prisma.join(
        alternatives.map((where) => Prisma.sql`(${ids(where)})`),
        " UNION ",
      )}) u
       ORDER BY ${orderSql(sort, descending, Prisma.sql`u.sort_at`, Prisma.sql`u.id`)} LIMIT ${limit + 1}`;

  const pageQuery = db.$queryRaw<PageRow[]>`
    WITH p AS MATERIALIZED (${candidates}
    )
    SELECT a.id, a.key, a.key_source, p.sort_at, a.portfolios, a.calls, a.right_party_contacts, a.last_call_at,
           lc.call_id AS last_call_id, c.call_output AS last_outcome, c.sentiment_output AS last_sentiment,
           a.open_promise_id, a.open_promise_due, a.open_promise_amount_cents, a.open_promise_currency,
           coalesce(a.open_promise_breaks_at <= now(), false) AS open_promise_overdue,
           a.open_callback_due, a.broken_promises, a.wrong_numbers, a.next_call_at, a.next_call_reason,
           a.assignee_id, u.name AS assignee_name, nums.numbers, att.n AS attempts
      FROM p JOIN crm_accounts a ON a.id = p.id
      LEFT JOIN LATERAL (
        SELECT l.call_id FROM crm_call_links l WHERE l.account_id = a.id ORDER BY l.placed_at DESC LIMIT 1
      ) lc ON TRUE
      LEFT JOIN calls c ON c.id = lc.call_id
      LEFT JOIN LATERAL (
        SELECT json_agg(json_build_object('number', n.number, 'status', n.status) ORDER BY n.last_call_at DESC, n.number) AS numbers
          FROM crm_account_numbers n WHERE n.account_id = a.id
      ) nums ON TRUE
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS n FROM crm_call_links l WHERE l.account_id = a.id AND l.placed_at >= now() - interval '7 days'
      ) att ON TRUE
      LEFT JOIN users u ON u.id = a.assignee_id
     ORDER BY ${orderSql(sort, descending, Prisma.sql`p.sort_at`, Prisma.sql`p.id`)}`;

  const withTotal = options.withTotal ?? true;
  const [resultRows, counted] = await Promise.all([
    pageQuery,
    withTotal ? countAccounts(db, filters) : Promise.resolve({ total: 0, isEstimate: false }),
  ]);

  let rows = resultRows;
  const more = rows.length > limit;
  if (more) rows = rows.slice(0, limit);
  const backwards = cursor?.direction === "prev";
  if (backwards) rows.reverse();
  const keyOf = (row: PageRow) => ({ at: row.sort_at.toISOString(), id: row.id });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : cursor !== null;
  const list: AccountList = {
    items: rows.map(toItem),
    nextCursor: hasNext && last ? encodeAccountCursor({ sort, direction: "next", key: keyOf(last) }) : null,
    prevCursor: hasPrev && first ? encodeAccountCursor({ sort, direction: "prev", key: keyOf(first) }) : null,
    total: counted.total,
    totalIsEstimate: counted.isEstimate,
    sort,
  };
  return list;
}

/** Counted exactly up to this many matches; above it the planner's estimate, flagged (an exact count of 200,000 rows costs more than the page). */
export const EXACT_COUNT_CAP = 10_000;
/**
 * As on the calls list (lib/calls/count.ts): the planner's estimate can be a few times off, so the
 * exact count is tried up to this many estimated matches; above it the estimate is the answer
 * (finding 10,001 of 64,000 matches read 3,400 heap pages, 27 ms, for the total alone).
 */
const TRY_EXACT_BELOW_ESTIMATE = 4 * EXACT_COUNT_CAP;

export async function countAccounts(db: Db, filters: AccountFilters): Promise<{ total: number; isEstimate: boolean }> {
  const where = whereSql(filters);
  const plan = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM crm_accounts a WHERE ${where}`;
  const estimate = Math.round(plan[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
  if (estimate > TRY_EXACT_BELOW_ESTIMATE) return { total: estimate, isEstimate: true };
  const alternatives = whereAlternatives(filters);
  // A search: at most cap + 1 of each alternative; a union of at most cap rows means none was cut short.
  const capped =
    alternatives.length === 1
      ? Prisma.sql`SELECT 1 FROM crm_accounts a WHERE ${alternatives[0]!} LIMIT ${EXACT_COUNT_CAP + 1}`
      : Prisma.join(
          alternatives.map((w) => Prisma.sql`(SELECT a.id FROM crm_accounts a WHERE ${w} LIMIT ${EXACT_COUNT_CAP + 1})`),
          " UNION ",
        );
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${capped}) s`;
  const n = rows[0]?.n ?? 0;
  if (n <= EXACT_COUNT_CAP) return { total: n, isEstimate: false };
  return { total: Math.max(estimate, n), isEstimate: true };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toItem(row: PageRow): AccountListItem {
  const lastAt = row.last_call_at ? row.last_call_at.toISOString() : null;
  return {
    id: row.id,
    key: row.key,
    keySource: row.key_source,
    numbers: row.numbers ?? [],
    portfolios: row.portfolios,
    calls: row.calls,
    rightPartyContacts: row.right_party_contacts,
    attemptsLast7Days: row.attempts,
    lastCall:
      lastAt && lastAt !== NO_CALL_YET
        ? { at: lastAt, callId: row.last_call_id, outcome: row.last_outcome, sentiment: row.last_sentiment }
        : null,
    openPromise: row.open_promise_id
      ? {
          id: row.open_promise_id,
          amountCents: row.open_promise_amount_cents,
          currency: row.open_promise_currency,
          dueDate: row.open_promise_due ? row.open_promise_due.toISOString().slice(0, 10) : null,
          status: row.open_promise_overdue ? "overdue" : "pending",
        }
      : null,
    openCallback: row.open_callback_due ? { dueAt: row.open_callback_due.toISOString() } : null,
    brokenPromises: row.broken_promises,
    wrongNumbers: row.wrong_numbers,
    nextCall: nextCallOf(row.next_call_at, row.next_call_reason),
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
  };
}

/**
 * The guard's answer as the list shows it. Evaluated accounts carry a reason
 * even when no time is allowed in its horizon (a hold, the contact's zone
 * unknown): that is "no call permitted", not "not evaluated", and an agent
 * must see which. Only an account with neither has not been evaluated.
 */
function nextCallOf(at: Date | null, reason: string | null): AccountListItem["nextCall"] {
  const instant = at && iso(at) !== NOT_EVALUATED ? iso(at)! : null;
  if (instant === null && reason === null) return null;
  return { at: instant, reason };
}
