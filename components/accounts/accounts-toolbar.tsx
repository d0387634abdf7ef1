"use client";

import clsx from "clsx";
import { Check, Download } from "lucide-react";
import { Suspense, use } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { FilterSheet } from "@/components/ui/filter-sheet";
import { Popover } from "@/components/ui/popover";
import { SearchBox } from "@/components/ui/search-box";
import { Select } from "@/components/ui/select";
import {
  ACCOUNT_FILTERS,
  ACCOUNT_SORT_LABELS,
  ACCOUNT_SORTS,
  type AccountFlagDimension,
  type AccountSort,
  DEFAULT_ACCOUNT_SORT,
  UNASSIGNED,
} from "@/lib/accounts/list/filter-table";
import { type AccountSearchParams, serializeAccountSearch } from "@/lib/accounts/list/search-params";
import type { AccountFacetOption, AccountFacets } from "@/lib/accounts/list/types";
import { useAccountSearch } from "./use-account-search";

const FLAGS: AccountFlagDimension[] = ["broken", "callback", "wrongNumber", "neverReached"];
const DUE_OPTIONS = [
  { value: "", label: "Promise due: any" },
  { value: "0", label: "Promise due today" },
  { value: "1", label: "Promise due by tomorrow" },
  { value: "3", label: "Promise due in 3 days" },
  { value: "7", label: "Promise due in 7 days" },
  { value: "30", label: "Promise due in 30 days" },
];

/** Search, the flag filters with counts, due window, portfolio, assignee, sort and CSV: all in the URL. */
export function AccountsToolbar({ facets }: { facets: Promise<AccountFacets | null> }) {
  const { state, setFilters, setState, clearFilters, activeCount } = useAccountSearch();
  const sort: AccountSort = state.sort ?? DEFAULT_ACCOUNT_SORT;
  const many = (values: string[]) => (values.length ? values : null);
  const dueOptions = DUE_OPTIONS.some((o) => o.value === String(state.dueIn ?? ""))
    ? DUE_OPTIONS
    : [...DUE_OPTIONS, { value: String(state.dueIn), label: `Promise due in ${state.dueIn} days` }];

  const filters = (
    <>
      {FLAGS.map((flag) => (
        <FlagToggle
          key={flag}
          label={ACCOUNT_FILTERS[flag].label}
          description={ACCOUNT_FILTERS[flag].description}
          on={state[flag] === true}
          facets={facets}
          flag={flag}
          onChange={(on) => setFilters({ [flag]: on ? true : null })}
        />
      ))}
      <Select
        label="Promise due"
        testId="filter-dueIn"
        className="w-full md:w-52"
        active={state.dueIn !== null}
        value={state.dueIn === null ? "" : String(state.dueIn)}
        onChange={(v) => setFilters({ dueIn: v === "" ? null : Number(v) })}
        options={dueOptions}
      />
      <OptionsFilter
        title="Portfolio"
        testId="filter-portfolio"
        selected={state.portfolio}
        options={facets}
        pick={(f) => f.portfolio}
        onChange={(v) => setFilters({ portfolio: many(v) })}
      />
      <OptionsFilter
        title="Assignee"
        testId="filter-assignee"
        selected={state.assignee}
        options={facets}
        pick={(f) => f.assignee}
        fallbackLabel={(v) => (v === UNASSIGNED ? "Unassigned" : v)}
        onChange={(v) => setFilters({ assignee: many(v) })}
      />
      {activeCount > 0 && (
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
          onSearch={(q) => setFilters({ q })}
          label="Search accounts by number or key"
          placeholder="Search by number (+1 312 555 0100, 3125550100) or account key"
          debounceMs={500}
        />
        <div className="flex w-full items-center gap-2 md:ml-auto md:w-auto">
          <FilterSheet count={activeCount} doneLabel="Show accounts">
            {filters}
          </FilterSheet>
          <span className="hidden text-sm text-slate-600 sm:inline" aria-hidden>
            Sort
          </span>
          <Select
            label="Sort accounts"
            value={sort}
            onChange={(v) => setState({ sort: v as AccountSort, cursor: null })}
            options={ACCOUNT_SORTS.map((s) => ({ value: s, label: ACCOUNT_SORT_LABELS[s] }))}
          />
          <a
            href={exportHref(state)}
            download
            data-testid="export-csv"
            title="Download every account matching these filters as CSV"
            className={buttonClass({ className: "ml-auto md:ml-0" })}
          >
            <Download aria-hidden className="size-3.5 opacity-70" />
            <span>
              Export<span className="hidden sm:inline"> CSV</span>
            </span>
          </a>
        </div>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar row of filter buttons, not a form section */}
      <div className="hidden flex-wrap items-center gap-1.5 md:flex" role="group" aria-label="Filters">
        {filters}
      </div>
    </div>
  );
}

function exportHref(state: AccountSearchParams): string {
  return serializeAccountSearch("/api/accounts/export", { ...state, cursor: null, limit: null });
}

function FlagToggle(props: {
  label: string;
  description: string;
  flag: AccountFlagDimension;
  on: boolean;
  facets: Promise<AccountFacets | null>;
  onChange: (on: boolean) => void;
}) {
  const { label, description, on, onChange, flag } = props;
  return (
    <button
      type="button"
      aria-pressed={on}
      title={description}
      data-testid={`filter-${flag}`}
      onClick={() => onChange(!on)}
      className={buttonClass({ variant: on ? "active" : "secondary" })}
    >
      <span
        aria-hidden
        className={clsx(
          "grid size-4 shrink-0 place-items-center rounded border",
          on ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white",
        )}
      >
        {on && <Check className="size-3" strokeWidth={3} />}
      </span>
      {label}
      <Suspense fallback={null}>
        <FlagCount facets={props.facets} flag={flag} />
      </Suspense>
    </button>
  );
}

function FlagCount({ facets, flag }: { facets: Promise<AccountFacets | null>; flag: AccountFlagDimension }) {
  const counts = use(facets);
  if (!counts) return null;
  const estimated = counts.estimatedFlags?.includes(flag) ?? false;
  return (
    <span className="rounded bg-slate-100 px-1.5 text-xs tabular-nums text-slate-700" title={estimated ? "Estimated" : undefined}>
      {`${estimated ? "≈" : ""}${counts.flags[flag].toLocaleString("en-US")}`}
    </span>
  );
}

function OptionsFilter(props: {
  title: string;
  testId: string;
  selected: string[];
  options: Promise<AccountFacets | null>;
  pick: (f: AccountFacets) => AccountFacetOption[];
  fallbackLabel?: (value: string) => string;
  onChange: (values: string[]) => void;
}) {
  const { title, selected } = props;
  const summary =
    selected.length === 0 ? title : selected.length === 1 ? `${title}: ${selected[0]}` : `${title}: ${selected.length} selected`;
  return (
    <Popover label={summary} title={title} active={selected.length > 0} testId={props.testId}>
      {() => (
        <div className="w-64">
          <Suspense fallback={<OptionList {...props} facet={null} />}>
            <OptionsWithCounts {...props} />
          </Suspense>
        </div>
      )}
    </Popover>
  );
}

function OptionsWithCounts(props: Parameters<typeof OptionsFilter>[0]) {
  const facets = use(props.options);
  return <OptionList {...props} facet={facets ? props.pick(facets) : null} />;
}

function OptionList({
  title,
  selected,
  onChange,
  facet,
  fallbackLabel,
}: Parameters<typeof OptionsFilter>[0] & { facet: AccountFacetOption[] | null }) {
  const options = [...(facet ?? [])];
  for (const v of selected)
    if (!options.some((o) => o.value === v)) options.push({ value: v, label: fallbackLabel?.(v) ?? v, count: Number.NaN });
  if (!options.length) return <p className="px-2 py-3 text-sm text-slate-600">No values yet.</p>;
  return (
    <ul aria-label={title} className="max-h-80 overflow-y-auto">
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <li key={o.value}>
            {/* biome-ignore lint/a11y/useSemanticElements: the calls list's option buttons (a checkbox look with counts); a native input would need its own label layout */}
            <button
              type="button"
              role="checkbox"
              aria-checked={on}
              data-value={o.value}
              onClick={() => onChange(on ? selected.filter((v) => v !== o.value) : [...selected, o.value])}
              className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-50"
            >
              <span
                aria-hidden
                className={clsx(
                  "grid size-4 shrink-0 place-items-center rounded border",
                  on ? "border-indigo-600 bg-indigo-600 text-white" : "border-slate-300 bg-white",
                )}
              >
                {on && <Check className="size-3" strokeWidth={3} />}
              </span>
              <span className="min-w-0 flex-1 truncate">{o.label}</span>
              <span className="text-xs tabular-nums text-slate-600">
                {Number.isNaN(o.count) ? "" : `${o.estimated ? "≈" : ""}${o.count.toLocaleString("en-US")}`}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
