import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { AccountCursor } from "./cursor";
import { type AccountFilterDimension, type AccountSort, UNASSIGNED } from "./filter-table";
import type { AccountFilters } from "./search-params";

/**
 * SQL pieces of the accounts list (alias `a` = crm_accounts), one WHERE
 * fragment per filter of the table (filter-table.ts; the Record type makes
 * the set exhaustive). Every piece is served by an index of migration
 * 20261202010000_account_list:
 * - orderings: crm_accounts_list_last_idx / _next_idx, on the sentinel-folded
 *   sort keys below (the expressions must stay identical to the indexes');
 * - flags: a partial index each, in the default order, so a rare flag is read
 *   from its own index and a common one by walking the order's index;
 * - search: prefix indexes on lower(key), lower(key value) and numbers.
 */
export const NO_CALL_YET = "1970-01-01T00:00:00.000Z";
export const NOT_EVALUATED = "9999-12-31T00:00:00.000Z";

const SORT_KEY = {
  lastCall: Prisma.sql`COALESCE(a.last_call_at, '1970-01-01 00:00:00+00'::timestamptz)`,
  nextCall: Prisma.sql`COALESCE(a.next_call_at, '9999-12-31 00:00:00+00'::timestamptz)`,
};

export function sortKeySql(sort: AccountSort): Prisma.Sql {
  return sort.startsWith("lastCall") ? SORT_KEY.lastCall : SORT_KEY.nextCall;
}

/** Whether the scan reads its index backwards: a "previous page" cursor flips the order's direction. */
export function scanDescending(sort: AccountSort, cursor: AccountCursor | null): boolean {
  const desc = sort.endsWith(".desc");
  return cursor?.direction === "prev" ? !desc : desc;
}

export function orderSql(sort: AccountSort, descending: boolean, sortKey: Prisma.Sql = sortKeySql(sort), id = Prisma.sql`a.id`) {
  return descending ? Prisma.sql`${sortKey} DESC, ${id} DESC` : Prisma.sql`${sortKey} ASC, ${id} ASC`;
}

export function keysetSql(sort: AccountSort, cursor: AccountCursor | null, descending: boolean): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const key = sortKeySql(sort);
  const at = new Date(cursor.key.at);
  return descending
    ? Prisma.sql`(${key}, a.id) < (${at}::timestamptz, ${cursor.key.id}::uuid)`
    : Prisma.sql`(${key}, a.id) > (${at}::timestamptz, ${cursor.key.id}::uuid)`;
}

const FLAG_SQL = {
  // A pending promise past its break instant counts as broken before the maturing sweep re-derives it.
  broken: Prisma.sql`(a.broken_promises > 0 OR (a.open_promise_breaks_at IS NOT NULL AND a.open_promise_breaks_at <= now()))`,
  callback: Prisma.sql`(a.open_callback_due IS NOT NULL)`,
  wrongNumber: Prisma.sql`(a.wrong_numbers > 0)`,
  neverReached: Prisma.sql`(a.right_party_contacts = 0)`,
};

export function flagSql(dimension: keyof typeof FLAG_SQL): Prisma.Sql {
  return FLAG_SQL[dimension];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The number prefixes a search stands for: `+<digits>`, and `+1<digits>` for a national (North American) number. */
export function numberPrefixes(q: string): string[] {
  if (!/^[+\d\s().-]+$/.test(q)) return [];
  const digits = q.replace(/\D/g, "");
  if (digits.length < 3) return [];
  const prefixes = [`+${digits}`];
  if (!q.trim().startsWith("+") && !digits.startsWith("1") && digits.length <= 10) prefixes.push(`+1${digits}`);
  return prefixes;
}

/**
 * The search's alternatives, each a predicate on `a` that one index serves: the whole key, the value
 * after `field:` (both lower-cased prefixes, text_pattern_ops), an account with a number of that prefix.
 */
export function searchBranches(q: string): Prisma.Sql[] {
  const keyPrefix = `${escapeLike(q.toLowerCase())}%`;
  const numbers = numberPrefixes(q).map((p) => `${escapeLike(p)}%`);
  const branches = [Prisma.sql`lower(a.key) LIKE ${keyPrefix}`, Prisma.sql`lower(substr(a.key, strpos(a.key, ':') + 1)) LIKE ${keyPrefix}`];
  if (numbers.length)
    branches.push(
      Prisma.sql`a.id IN (SELECT n.account_id FROM crm_account_numbers n WHERE ${Prisma.join(
        numbers.map((p) => Prisma.sql`n.number LIKE ${p}`),
        " OR ",
      )})`,
    );
  return branches;
}

function searchSql(q: string): Prisma.Sql {
  const keyPrefix = `${escapeLike(q.toLowerCase())}%`;
  const numbers = numberPrefixes(q).map((p) => `${escapeLike(p)}%`);
  const byNumber = numbers.length
    ? Prisma.sql`UNION SELECT n.account_id FROM crm_account_numbers n WHERE ${Prisma.join(
        numbers.map((p) => Prisma.sql`n.number LIKE ${p}`),
        " OR ",
      )}`
    : Prisma.empty;
  return Prisma.sql`a.id IN (
    SELECT k.id FROM crm_accounts k WHERE lower(k.key) LIKE ${keyPrefix}
    UNION SELECT k.id FROM crm_accounts k WHERE lower(substr(k.key, strpos(k.key, ':') + 1)) LIKE ${keyPrefix}
    ${byNumber})`;
}

const WHERE: { [D in AccountFilterDimension]: (filters: AccountFilters) => Prisma.Sql | null } = {
  q: (f) => (f.q ? searchSql(f.q) : null),
  broken: (f) => flag("broken", f.broken),
  // Due by then and not broken yet, written so the planner does not multiply the two (correlated) halves:
  // "breaks_at > now()" as its own clause made it expect 569 of 10,550 matches and bitmap-read and sort all of
  // them (9,268 buffers); the CASE (true exactly when due <= the day and breaks_at > now()) is priced as one
  // range, so a page walks crm_accounts_list_open_promise_idx in order (125 buffers) and the total
  // crm_accounts_list_due_breaks_idx (migration 20261202090000).
  dueIn: (f) => {
    if (f.dueIn === null) return null;
    const day = Prisma.sql`(now() AT TIME ZONE 'UTC')::date + ${f.dueIn}::int`;
    return Prisma.sql`(a.open_promise_due <= ${day} AND CASE WHEN a.open_promise_breaks_at > now() THEN a.open_promise_due END <= ${day})`;
  },
  callback: (f) => flag("callback", f.callback),
  wrongNumber: (f) => flag("wrongNumber", f.wrongNumber),
  neverReached: (f) => flag("neverReached", f.neverReached),
  portfolio: (f) => (f.portfolio.length ? Prisma.sql`a.portfolios && ${f.portfolio}::text[]` : null),
  assignee: (f) => {
    if (!f.assignee.length) return null;
    const ids = f.assignee.filter((v) => v !== UNASSIGNED);
    const parts = [
      ...(ids.length ? [Prisma.sql`a.assignee_id = ANY(${ids}::text[])`] : []),
      ...(f.assignee.includes(UNASSIGNED) ? [Prisma.sql`a.assignee_id IS NULL`] : []),
    ];
    return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
  },
};

function flag(dimension: keyof typeof FLAG_SQL, value: boolean | null): Prisma.Sql | null {
  if (value === null) return null;
  return value ? FLAG_SQL[dimension] : Prisma.sql`NOT ${FLAG_SQL[dimension]}`;
}

/** The WHERE of every active filter, optionally leaving some out (facet counts). */
export function whereSql(filters: AccountFilters, options: { omit?: readonly AccountFilterDimension[] } = {}): Prisma.Sql {
  const parts = (Object.keys(WHERE) as AccountFilterDimension[])
    .filter((d) => !options.omit?.includes(d))
    .map((d) => WHERE[d](filters))
    .filter((p): p is Prisma.Sql => p !== null);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

/**
 * The filters as alternatives whose union is the match (pages and totals): with a search, one per
 * search branch, each AND-ed with every other filter, so each can be read from its own index or, for a
 * prefix most keys share ("CRM-"), by walking the ordering's index; `a.id IN (… UNION …)` forced a
 * hash of every match and a sort (1.4 s for a prefix of all 393k accounts). Without one, the one WHERE.
 */
export function whereAlternatives(filters: AccountFilters): Prisma.Sql[] {
  if (!filters.q) return [whereSql(filters)];
  const rest = whereSql(filters, { omit: ["q"] });
  return searchBranches(filters.q).map((branch) => Prisma.sql`${branch} AND ${rest}`);
}
