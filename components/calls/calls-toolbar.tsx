"use client";

import { Download } from "lucide-react";
import { Button, buttonClass } from "@/components/ui/button";
import { FilterSheet } from "@/components/ui/filter-sheet";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import { Tooltip } from "@/components/ui/tooltip";
import { OUTCOMES, outcomeInfo, SENTIMENTS, STATUS_VALUES, sentimentInfo } from "@/lib/calls/catalogue";
import type { CallFacets } from "@/lib/calls/facets";
import type { CallSort } from "@/lib/calls/search-params";
import { ColumnMenu } from "./column-menu";
import { DateRangeFilter } from "./date-range-filter";
import { DurationFilter } from "./duration-filter";
import { FacetFilter } from "./facet-filter";
import { describeFilters } from "./filter-labels";
import { exportHref } from "./list-links";
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

  const filters = (
    <>
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
      <Select
        label="Recording"
        testId="filter-recording"
        className="w-full md:w-44"
        active={state.hasRecording !== null}
        value={state.hasRecording === null ? "" : String(state.hasRecording)}
        onChange={(v) => setFilters({ hasRecording: v === "" ? null : v === "true" })}
        options={RECORDING_OPTIONS}
      />
      <Select
        label="Review"
        testId="filter-review"
        className="w-full md:w-44"
        active={state.reviewed !== null || state.corrected !== null}
        value={state.corrected ? "corrected" : state.reviewed === true ? "reviewed" : state.reviewed === false ? "unreviewed" : ""}
        onChange={(v) =>
          setFilters({ reviewed: v === "reviewed" ? true : v === "unreviewed" ? false : null, corrected: v === "corrected" ? true : null })
        }
        options={REVIEW_OPTIONS}
      />
      {active.length > 0 && (
        <Button variant="ghost" onClick={clearFilters} className="underline-offset-2 hover:underline">
          Clear all
        </Button>
      )}
    </>
  );

  return (
    <div className="space-y-2.5">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox
          value={state.q}
          onSearch={(q) => setState({ q, sort: null, cursor: null })}
          label="Search transcripts"
          placeholder='Search transcripts and summaries, e.g. "promise to pay"'
        />
        <div className="flex w-full items-center gap-2 md:ml-auto md:w-auto">
          <FilterSheet count={active.length} doneLabel="Show calls">
            {filters}
          </FilterSheet>
          <span className="hidden text-sm text-slate-600 sm:inline" aria-hidden>
            Sort
          </span>
          <Select
            label="Sort calls"
            value={sort}
            onChange={(v) => setState({ sort: v as CallSort, cursor: null })}
            options={sorts.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
          />
          <div className="hidden md:block">
            <ColumnMenu />
          </div>
          <Tooltip content="Download every call matching these filters as CSV">
            <a href={exportHref(state)} download data-testid="export-csv" className={buttonClass({ className: "ml-auto md:ml-0" })}>
              <Download aria-hidden className="size-3.5 opacity-70" />
              <span>
                Export<span className="hidden sm:inline"> CSV</span>
              </span>
            </a>
          </Tooltip>
        </div>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar row of filter buttons, not a form section; <fieldset> would bring its own border, padding and min-width */}
      <div className="hidden flex-wrap items-center gap-1.5 md:flex" role="group" aria-label="Filters">
        {filters}
      </div>
    </div>
  );
}

const RECORDING_OPTIONS = [
  { value: "", label: "Any recording" },
  { value: "true", label: "With recording" },
  { value: "false", label: "Without recording" },
];

const REVIEW_OPTIONS = [
  { value: "", label: "Any review state" },
  { value: "reviewed", label: "Reviewed" },
  { value: "corrected", label: "Corrected" },
  { value: "unreviewed", label: "Not reviewed" },
];

function Dot({ color, text }: { color: string; text: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: color }} />
      {text}
    </span>
  );
}
