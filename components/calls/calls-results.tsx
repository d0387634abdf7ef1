"use client";

import clsx from "clsx";
import { useRouter } from "next/navigation";
import { use, useState } from "react";
import { KeysetPagination } from "@/components/ui/keyset-pagination";
import type { CallRow, CallsPageData } from "@/lib/calls/rows";
import { PAGE_SIZES } from "@/lib/calls/search-params";
import { CallsEmptyState } from "./calls-empty-state";
import { CallsStack } from "./calls-stack";
import { CallsTable } from "./calls-table";
import { describeFilters, filterIdForDimension } from "./filter-labels";
import { callHref, streamHref } from "./list-links";
import { LiveStatusDot, NewCallsBanner } from "./live-banner";
import { useCallSearch, useHiddenColumns } from "./use-call-search";
import { useLiveCalls } from "./use-live-calls";

const FRESH_MS = 4_000;

/**
 * The list itself: total, live updates, table, paging, empty state. Reads the
 * page's data promise, and the position the page was read at (`since`), from
 * which the live stream catches up.
 */
export function CallsResults({ data, since }: { data: Promise<CallsPageData>; since: Promise<string | null> }) {
  const page = use(data);
  const position = use(since);
  const router = useRouter();
  const { state, isPending, setState, setFilters, clearFilters } = useCallSearch();
  const [hidden] = useHiddenColumns();

  // Live state belongs to one server page: a new page (filter, cursor, refresh) starts it afresh.
  const [base, setBase] = useState(page);
  const [arrived, setArrived] = useState<CallRow[]>([]);
  const [updated, setUpdated] = useState<Record<string, CallRow>>({});
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [waiting, setWaiting] = useState({ matching: 0, other: 0 });
  if (base !== page) {
    setBase(page);
    setArrived([]);
    setUpdated({});
    setWaiting({ matching: 0, other: 0 });
  }

  // Only the newest-first first page can take new rows in place; anywhere else they would land out of order.
  const atTop = !state.cursor && page.ordering === "receivedAt.desc";
  const shownIds = new Set([...arrived, ...page.rows].map((r) => r.id));
  const status = useLiveCalls(streamHref(state), position, {
    onCalls(event) {
      const inserts = event.matched.filter((r) => event.ops[r.id] === "insert" && !shownIds.has(r.id));
      const changes = event.matched.filter((r) => shownIds.has(r.id));
      if (changes.length) setUpdated((u) => ({ ...u, ...Object.fromEntries(changes.map((r) => [r.id, r])) }));
      if (atTop && inserts.length) {
        setArrived((a) => [...inserts, ...a]);
        setFresh((f) => new Set([...f, ...inserts.map((r) => r.id)]));
        setTimeout(() => setFresh((f) => new Set([...f].filter((id) => !inserts.some((r) => r.id === id)))), FRESH_MS);
      }
      const waitingMatches = atTop ? 0 : inserts.length;
      if (waitingMatches || event.other) setWaiting((w) => ({ matching: w.matching + waitingMatches, other: w.other + event.other }));
    },
    onResync: () => router.refresh(),
  });

  const rows = [...arrived, ...page.rows].map((r) => updated[r.id] ?? r);
  const total = page.total + arrived.length;
  const filters = describeFilters(state);
  const notice =
    page.notice === "too-many-to-rank"
      ? "Too many matches to rank by relevance: showing the newest first. Add words or filters to rank them."
      : page.notice === "no-searchable-words"
        ? "The search has only very common words (like “the”), which are not indexed. Try more specific words."
        : null;

  return (
    <section aria-label="Calls" className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
        <p data-testid="calls-total" data-estimate={page.totalIsEstimate || undefined}>
          <span className="font-semibold text-slate-900">
            {page.totalIsEstimate ? "about " : ""}
            {total.toLocaleString("en-US")}
          </span>{" "}
          {total === 1 ? "call" : "calls"}
          {page.totalIsEstimate && <span className="text-slate-500"> (estimated)</span>}
        </p>
        <LiveStatusDot status={status} />
        {isPending && <span className="text-xs text-slate-500">Updating…</span>}
        {notice && rows.length > 0 && <p className="text-xs text-amber-800 md:ml-auto">{notice}</p>}
      </div>
      <NewCallsBanner
        matching={waiting.matching}
        other={waiting.other}
        onShowMatching={() => setState({ cursor: null, sort: state.q ? "receivedAt.desc" : null })}
        onShowAll={clearFilters}
      />
      <div
        className={clsx(
          "overflow-clip rounded-lg border border-slate-200 bg-white shadow-xs transition-opacity",
          isPending && "opacity-60",
        )}
        aria-busy={isPending}
      >
        {rows.length === 0 ? (
          <CallsEmptyState
            filters={filters}
            culprits={page.emptyBecause.map(filterIdForDimension)}
            notice={notice}
            onRemove={(f) => setFilters(Object.fromEntries(f.keys.map((k) => [k, null])))}
            onClear={clearFilters}
          />
        ) : (
          <>
            <div className="hidden md:block">
              <CallsTable
                rows={rows}
                sort={page.ordering}
                hidden={hidden}
                fresh={fresh}
                hrefFor={(id) => callHref(id, state)}
                onSort={(sort) => setState({ sort, cursor: null })}
              />
            </div>
            <div className="md:hidden">
              <CallsStack rows={rows} fresh={fresh} hrefFor={(id) => callHref(id, state)} />
            </div>
          </>
        )}
      </div>
      <KeysetPagination
        pageSizes={PAGE_SIZES}
        limit={state.limit}
        shown={rows.length}
        prevCursor={page.prevCursor}
        nextCursor={page.nextCursor}
        onPage={(cursor) => setState({ cursor })}
        onLimit={(limit) => setState({ limit, cursor: null })}
      />
    </section>
  );
}
