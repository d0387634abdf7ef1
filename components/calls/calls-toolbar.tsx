"use client";

import { Download } from "lucide-react";
import { OUTCOMES, outcomeInfo, SENTIMENTS, sentimentInfo, STATUS_VALUES } from "@/lib/calls/catalogue";
import type { CallFacets } from "@/lib/calls/facets";
import type { CallSort } from "@/lib/calls/search-params";
import { ColumnMenu } from "./column-menu";
import { DateRangeFilter } from "./date-range-filter";
import { DurationFilter } from "./duration-filter";
import { FacetFilter } from "./facet-filter";
import { describeFilters } from "./filter-labels";
import { exportHref } from "./list-links";
import { SearchBox } from "./search-box";
import { useCallSearch } from "./use-call-search";

const SORT_LABELS: Record<CallSort, string> = {
  relevance: "Best match",
  "receivedAt.desc": "Newest first",
  "receivedAt.asc": "Oldest first",
  "duration.desc": "Longest first",
  "duration.asc": "Shortest first",
};

/** Search, every filter (with facet counts), sort, columns and CSV export, all written to the URL. */
export function CallsToolbar({ facets }: { facets: Promise<CallFacets | null> }) {
  const { state, setFilters, setState, clearFilters } = useCallSearch();
  const active = describeFilters(state);
  const sort: CallSort = state.sort ?? (state.q ? "relevance" : "receivedAt.desc");
  const sorts = (Object.keys(SORT_LABELS) as CallSort[]).filter((s) => s !== "relevance" || state.q);
  const many = (values: string[]) => (values.length ? values : null);

  return (
    <div className="space-y-2.5">
      <div className="flex items-center gap-2">
        <SearchBox value={state.q} onSearch={(q) => setState({ q, sort: null, cursor: null })} />
        <label className="ml-auto flex items-center gap-2 text-sm text-slate-600">
          Sort
          <select
            aria-label="Sort calls"
            value={sort}
            onChange={(e) => setState({ sort: e.target.value as CallSort, cursor: null })}
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm shadow-xs"
          >
            {sorts.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <ColumnMenu />
        <a
          href={exportHref(state)}
          download
          data-testid="export-csv"
          className="inline-flex h-8 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
          title="Download every call matching these filters as CSV"
        >
          <Download aria-hidden className="size-3.5 opacity-70" />
          Export CSV
        </a>
      </div>
      <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Filters">
        <FacetFilter
          title="Outcome"
          dimension="outcome"
          baseValues={OUTCOMES.map((o) => o.value)}
          selected={state.outcome}
          facets={facets}
          label={(v) => <Dot color={outcomeInfo(v).color} text={outcomeInfo(v).label} />}
          buttonLabel={(v) => outcomeInfo(v).label}
          onChange={(v) => setFilters({ outcome: many(v) })}
        />
        <FacetFilter
          title="Sentiment"
          dimension="sentiment"
          baseValues={SENTIMENTS.map((s) => s.value)}
          selected={state.sentiment}
          facets={facets}
          label={(v) => <Dot color={sentimentInfo(v).color} text={sentimentInfo(v).label} />}
          buttonLabel={(v) => sentimentInfo(v).label}
          onChange={(v) => setFilters({ sentiment: many(v) })}
        />
        <DateRangeFilter from={state.from} to={state.to} onChange={(r) => setFilters(r)} />
        <FacetFilter
          title="Project"
          dimension="project"
          baseValues={[]}
          selected={state.project}
          facets={facets}
          label={(v) => <span className="font-mono text-xs">{v}</span>}
          buttonLabel={(v) => v}
          onChange={(v) => setFilters({ project: many(v) })}
        />
        <FacetFilter
          title="Delivery"
          dimension="deliveryStatus"
          baseValues={STATUS_VALUES}
          selected={state.deliveryStatus ? [state.deliveryStatus] : []}
          facets={facets}
          single
          label={(v) => v}
          buttonLabel={(v) => v}
          onChange={(v) => setFilters({ deliveryStatus: v[0] ?? null })}
        />
        <FacetFilter
          title="Provider"
          dimension="providerStatus"
          baseValues={STATUS_VALUES}
          selected={state.providerStatus ? [state.providerStatus] : []}
          facets={facets}
          single
          label={(v) => v}
          buttonLabel={(v) => v}
          onChange={(v) => setFilters({ providerStatus: v[0] ?? null })}
        />
        <DurationFilter min={state.durationMin} max={state.durationMax} onChange={(r) => setFilters(r)} />
        <RecordingFilter value={state.hasRecording} onChange={(hasRecording) => setFilters({ hasRecording })} />
        {active.length > 0 && (
          <button type="button" onClick={clearFilters} className="ml-1 text-sm font-medium text-slate-500 underline-offset-2 hover:text-slate-900 hover:underline">
            Clear all
          </button>
        )}
      </div>
    </div>
  );
}

function Dot({ color, text }: { color: string; text: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: color }} />
      {text}
    </span>
  );
}

function RecordingFilter({ value, onChange }: { value: boolean | null; onChange: (v: boolean | null) => void }) {
  return (
    <select
      aria-label="Recording"
      data-testid="filter-recording"
      value={value === null ? "" : String(value)}
      onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "true")}
      className={`h-8 w-40 rounded-md border px-2 text-sm font-medium shadow-xs ${value === null ? "border-slate-300 bg-white text-slate-700" : "border-indigo-300 bg-indigo-50 text-indigo-800"}`}
    >
      <option value="">Any recording</option>
      <option value="true">With recording</option>
      <option value="false">Without recording</option>
    </select>
  );
}
