"use client";

import clsx from "clsx";
import { use } from "react";
import { Button } from "@/components/ui/button";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import { ACCOUNT_PAGE_SIZES } from "@/lib/accounts/list/search-params";
import type { AccountList } from "@/lib/accounts/list/types";
import { AccountsStack } from "./accounts-stack";
import { AccountsTable } from "./accounts-table";
import { useAccountSearch } from "./use-account-search";

/** The list: total, table (desktop) or stacked cards (phone), keyset paging, the empty state. */
export function AccountsResults({ data }: { data: Promise<AccountList> }) {
  const page = use(data);
  const { state, isPending, setState, clearFilters, activeCount } = useAccountSearch();
  const items = page.items;
  return (
    <section aria-label="Accounts" className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
        <p data-testid="accounts-total">
          <span className="font-semibold text-slate-900">
            {page.totalIsEstimate ? "about " : ""}
            {page.total.toLocaleString("en-US")}
          </span>{" "}
          {page.total === 1 ? "account" : "accounts"}
        </p>
        {isPending && <span className="text-xs text-slate-600">Updating…</span>}
      </div>
      <div
        className={clsx(
          "overflow-clip rounded-lg border border-slate-200 bg-white shadow-xs transition-opacity",
          isPending && "opacity-60",
        )}
        aria-busy={isPending}
      >
        {items.length === 0 ? (
          <div className="space-y-3 p-10 text-center text-sm text-slate-600" data-testid="accounts-empty">
            <p className="font-medium text-slate-900">{activeCount ? "No account matches these filters." : "No accounts yet."}</p>
            <p>
              {activeCount
                ? "Remove a filter or search for something else."
                : "Accounts appear as calls arrive (or after `npm run calls:import`): one per debtor."}
            </p>
            {activeCount > 0 && (
              <Button onClick={clearFilters} variant="secondary">
                Clear all filters
              </Button>
            )}
          </div>
        ) : (
          <>
            <div className="hidden md:block">
              <AccountsTable items={items} sort={page.sort} onSort={(sort) => setState({ sort, cursor: null })} />
            </div>
            <div className="md:hidden">
              <AccountsStack items={items} />
            </div>
          </>
        )}
      </div>
      <KeysetPagination
        pageSizes={ACCOUNT_PAGE_SIZES}
        limit={state.limit}
        shown={items.length}
        prevCursor={page.prevCursor}
        nextCursor={page.nextCursor}
        onPage={(cursor) => setState({ cursor })}
        onLimit={(limit) => setState({ limit, cursor: null })}
      />
    </section>
  );
}
