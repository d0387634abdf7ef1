import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/time";
import { type FlagItem, flagLine, SEVERITY_LABEL } from "./types";

export interface OverviewProps {
  query: { days: number; rule?: string; portfolio?: string; status: string };
  byRule: { rule: string; portfolio: string | null; open: number; total: number }[];
  trend: { week: string; rule: string; flags: number }[];
  flags: number;
  calls: number;
  per1000: number | null;
  accountsOnHold: number;
  list: FlagItem[];
  nextCursor: string | null;
}

const RULE_NAMES: Record<string, string> = {
  R1: "Call frequency",
  R3: "Calling hours",
  R4: "Stop calling",
  R5: "Written cease",
  R6: "Attorney",
  R7: "Dispute",
  R8: "Bankruptcy",
  R9: "Mini-Miranda",
  R10: "Third party",
  R12: "State limit",
  R13: "Recording disclosure",
};

function href(query: OverviewProps["query"], extra: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  const merged: Record<string, string | undefined> = {
    days: String(query.days),
    rule: query.rule,
    portfolio: query.portfolio,
    status: query.status,
    ...extra,
  };
  for (const [k, v] of Object.entries(merged)) if (v) params.set(k, v);
  return params.toString();
}

function Kpi({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <p className="text-xs font-medium text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {note ? <p className="mt-0.5 text-xs text-slate-600">{note}</p> : null}
    </div>
  );
}

/** /compliance: open flags by rule and portfolio, weekly trend, flags per 1,000 calls, accounts on hold, and the flags to drill into. */
export function ComplianceOverview(props: OverviewProps) {
  const { query } = props;
  const weeks = [...new Set(props.trend.map((t) => t.week))].sort();
  const weekTotals = weeks.map((w) => ({ week: w, flags: props.trend.filter((t) => t.week === w).reduce((s, t) => s + t.flags, 0) }));
  const maxWeek = Math.max(1, ...weekTotals.map((w) => w.flags));
  const portfolios = [...new Set(props.byRule.map((r) => r.portfolio).filter((p): p is string => !!p))].sort();
  const rules = [...new Set(props.byRule.map((r) => r.rule))].sort();
  const open = props.byRule.reduce((s, r) => s + r.open, 0);

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Kpi label="Open flags" value={open.toLocaleString("en-US")} note={`last ${query.days} days`} />
        <Kpi
          label="Flags per 1,000 calls"
          value={props.per1000 === null ? "—" : String(props.per1000)}
          note={`${props.flags.toLocaleString("en-US")} flags, ${props.calls.toLocaleString("en-US")} calls`}
        />
        <Kpi
          label="Accounts on hold"
          value={props.accountsOnHold.toLocaleString("en-US")}
          note="a stop, cease, attorney, dispute or bankruptcy hold stands"
        />
        <Kpi label="Rules with flags" value={String(rules.length)} />
      </div>

      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the filter form itself makes it the landmark */}
      <form method="get" role="search" aria-label="Filter compliance flags" className="flex flex-wrap items-end gap-3">
        <Field
          label="Period"
          name="days"
          value={String(query.days)}
          options={[
            ["7", "Last 7 days"],
            ["30", "Last 30 days"],
            ["90", "Last 90 days"],
          ]}
        />
        <Field
          label="Rule"
          name="rule"
          value={query.rule ?? ""}
          options={[["", "All rules"], ...rules.map((r): [string, string] => [r, `${r} ${RULE_NAMES[r] ?? ""}`])]}
        />
        <Field
          label="Portfolio"
          name="portfolio"
          value={query.portfolio ?? ""}
          options={[["", "All portfolios"], ...portfolios.map((p): [string, string] => [p, p])]}
        />
        <Field
          label="Status"
          name="status"
          value={query.status}
          options={[
            ["open", "Open"],
            ["confirmed", "Confirmed"],
            ["dismissed", "Dismissed"],
            ["all", "All"],
          ]}
        />
        <button type="submit" className={buttonClass({ variant: "dark", size: "md" })}>
          Filter
        </button>
        <a href={`/api/compliance/flags/export?${href(query, {})}`} className={buttonClass({ size: "md" })}>
          Download CSV
        </a>
      </form>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <section aria-labelledby="by-rule" className="min-w-0">
          <h2 id="by-rule" className="text-sm font-semibold">
            Flags by rule and portfolio
          </h2>
          {props.byRule.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No flags in this period.</p>
          ) : (
            <div className="relative mt-2 overflow-x-auto rounded-lg border border-slate-200">
              <table className="w-full text-sm">
                <thead className="bg-slate-50 text-left text-xs text-slate-600">
                  <tr>
                    <th className="px-3 py-2 font-medium">Rule</th>
                    <th className="px-3 py-2 font-medium">Portfolio</th>
                    <th className="px-3 py-2 text-right font-medium">Open</th>
                    <th className="px-3 py-2 text-right font-medium">All</th>
                  </tr>
                </thead>
                <tbody>
                  {props.byRule.map((r) => (
                    <tr key={`${r.rule}|${r.portfolio}`} className="border-t border-slate-100">
                      <td className="px-3 py-1.5">
                        <Link
                          className="text-indigo-700 underline-offset-2 hover:underline"
                          href={`/compliance?${href(query, { rule: r.rule, portfolio: r.portfolio ?? undefined, before: undefined })}`}
                        >
                          {r.rule} {RULE_NAMES[r.rule] ?? ""}
                          {/* Each row's link goes to its own portfolio; the name says which, not only the rule. */}
                          <span className="sr-only">, {r.portfolio ?? "not attributed"}</span>
                        </Link>
                      </td>
                      <td className="px-3 py-1.5">{r.portfolio ?? "not attributed"}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{r.open}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{r.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section aria-labelledby="trend" className="min-w-0">
          <h2 id="trend" className="text-sm font-semibold">
            Trend (flags per week)
          </h2>
          {weekTotals.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No flags in this period.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {weekTotals.map((w) => (
                <li key={w.week} className="flex items-center gap-2 text-sm">
                  <span className="w-24 shrink-0 text-slate-700">week of {w.week.slice(5)}</span>
                  <span className="h-4 rounded bg-rose-500" style={{ width: `${Math.max(2, (w.flags / maxWeek) * 70)}%` }} aria-hidden />
                  <span className="tabular-nums text-slate-900">{w.flags}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="flag-list" data-testid="compliance-flag-list">
        <h2 id="flag-list" className="text-sm font-semibold">
          Flags{query.rule ? ` — ${query.rule}` : ""}
          {query.portfolio ? ` — ${query.portfolio}` : ""} ({query.status})
        </h2>
        {props.list.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No flags match.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200">
            {props.list.map((f) => (
              <li key={f.id} className="flex flex-col gap-1 p-3 text-sm sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <Link href={`/calls/${f.callId}`} className="text-indigo-700 underline-offset-2 hover:underline">
                    {flagLine(f)}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {f.rule} · {SEVERITY_LABEL[f.severity] ?? f.severity} · {f.status} · <LocalTime iso={f.placedAt} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
        {props.nextCursor ? (
          <Link href={`/compliance?${href(query, { before: props.nextCursor })}`} className={buttonClass({ className: "mt-3" })}>
            Older flags
          </Link>
        ) : null}
      </section>
    </div>
  );
}

function Field({ label, name, value, options }: { label: string; name: string; value: string; options: [string, string][] }) {
  const id = `compliance-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
