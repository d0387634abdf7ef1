import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { AccountsResults } from "@/components/accounts/accounts-results";
import { AccountsTableSkeleton } from "@/components/accounts/accounts-skeleton";
import { AccountsToolbar } from "@/components/accounts/accounts-toolbar";
import { getAccountFacets, listAccounts } from "@/lib/accounts/list/queries";
import { accountSearchParamsCache, toAccountQuery } from "@/lib/accounts/list/search-params";

export const metadata: Metadata = { title: "Accounts" };

/** The accounts list: read the URL with the shared parsers, start the list and the counts, render both as they arrive. */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { filters, page } = toAccountQuery(await accountSearchParamsCache.parse(searchParams));
  const data = listAccounts(filters, page, { invalidCursor: "ignore" });
  // Counts are a convenience: without them the filters still work.
  const facets = getAccountFacets(filters).catch((error: unknown) => {
    console.error("[accounts] facet counts failed:", error instanceof Error ? error.message : error);
    return null;
  });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Accounts</h1>
      <AccountsToolbar facets={facets} />
      <Suspense fallback={<AccountsTableSkeleton />}>
        <AccountsResults data={data} />
      </Suspense>
    </div>
  );
}
