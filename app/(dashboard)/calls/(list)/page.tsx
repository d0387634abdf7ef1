import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { Suspense } from "react";
import { CallsResults } from "@/components/calls/calls-results";
import { CallsTableSkeleton } from "@/components/calls/calls-skeleton";
import { CallsToolbar } from "@/components/calls/calls-toolbar";
import { toCallQuery } from "@/lib/calls/filters";
import { explainEmptyList, getFacets, listCalls } from "@/lib/calls/queries";
import { type CallsPageData, toCallRow } from "@/lib/calls/rows";
import { callSearchParamsCache } from "@/lib/calls/search-params";
import { getListPosition } from "@/lib/live/stream";

export const metadata: Metadata = { title: "Calls" };

/**
 * The calls list. Thin on purpose: read the URL with the shared parsers, start
 * the queries, and let the client components `use()` the promises inside
 * Suspense (the toolbar's facet counts and the rows load independently).
 */
export default async function CallsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { filters, page } = toCallQuery(await callSearchParamsCache.parse(searchParams));

  // Read before the list, so the live stream can send every call stored after it (lib/live/position.ts).
  const since = getListPosition().catch((error: unknown) => {
    console.error("[calls] live position failed:", error instanceof Error ? error.message : error);
    return null;
  });
  const data: Promise<CallsPageData> = since
    .then(() => listCalls(filters, page, { invalidCursor: "ignore" }))
    .then(async (list) => ({
      rows: list.items.map(toCallRow),
      nextCursor: list.nextCursor,
      prevCursor: list.prevCursor,
      total: list.total,
      totalIsEstimate: list.totalIsEstimate,
      ordering: list.ordering,
      notice: list.notice,
      emptyBecause: list.items.length === 0 && !list.prevCursor ? await explainEmptyList(filters) : [],
    }));
  // Counts are a convenience: if they fail, the filters still work without them (the list reports real errors).
  const facets = getFacets(filters).catch((error: unknown) => {
    console.error("[calls] facet counts failed:", error instanceof Error ? error.message : error);
    return null;
  });

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Calls</h1>
      <CallsToolbar facets={facets} />
      <Suspense fallback={<CallsTableSkeleton />}>
        <CallsResults data={data} since={since} />
      </Suspense>
    </div>
  );
}
