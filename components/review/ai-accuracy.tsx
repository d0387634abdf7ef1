"use client";

import clsx from "clsx";
import Link from "next/link";
import { use } from "react";
import { outcomeInfo, sentimentInfo } from "@/lib/calls/catalogue";
import { serializeCallSearch } from "@/lib/calls/search-params";
import type { AccuracyGroup, AccuracyPanels, AccuracyResult } from "@/lib/review/accuracy";
import type { Proportion } from "@/lib/review/wilson";

interface Scope {
  from: string;
  to: string;
  tz: string;
  project: string[];
}

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)} %`);

/** "84 % (78–89 %, n = 212)": every figure with its sample and 95 % Wilson interval. */
function Figure({ p }: { p: Proportion }) {
  if (p.n === 0) return <span className="text-slate-600">No reviewed calls</span>;
  return (
    <span>
      <span className="font-semibold text-slate-900">{pct(p.rate)}</span>{" "}
      <span className="text-slate-600">
        ({pct(p.low)}–{pct(p.high)}, n = {p.n})
      </span>
    </span>
  );
}

/** The interval as a bar on 0–100 %, the rate as a tick. */
function IntervalBar({ p }: { p: Proportion }) {
  if (p.n === 0 || p.low === null || p.high === null || p.rate === null) return null;
  return (
    <span aria-hidden className="relative inline-block h-2 w-24 rounded-full bg-slate-100 align-middle">
      <span
        className="absolute inset-y-0 rounded-full bg-indigo-200"
        style={{ left: `${p.low * 100}%`, width: `${(p.high - p.low) * 100}%` }}
      />
      <span className="absolute inset-y-[-2px] w-0.5 bg-indigo-700" style={{ left: `${p.rate * 100}%` }} />
    </span>
  );
}

function GroupTable({
  caption,
  head,
  rows,
  label,
}: {
  caption: string;
  head: string;
  rows: AccuracyGroup[];
  label: (k: string) => string;
}) {
  if (!rows.length) return null;
  return (
    <table className="w-full text-sm">
      <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">Agreement (95 % interval, sample)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.key} className="border-t border-slate-100">
            <th scope="row" className="py-1 pr-2 text-left font-normal text-slate-700">
              {label(g.key)}
            </th>
            <td className="py-1 text-right tabular-nums">
              <IntervalBar p={g} /> <Figure p={g} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Matrix({ result, scope }: { result: AccuracyResult; scope: Scope }) {
  const info = result.dimension === "outcome" ? outcomeInfo : sentimentInfo;
  const count = (ai: string, human: string) => result.matrix.find((c) => c.ai === ai && c.human === human)?.calls ?? 0;
  const href = (ai: string, human: string) =>
    ai && human
      ? serializeCallSearch("/calls", {
          ...(result.dimension === "outcome"
            ? { outcome: [ai], correctedOutcome: [human] }
            : { sentiment: [ai], correctedSentiment: [human] }),
          reviewed: true,
          project: scope.project,
          from: scope.from,
          to: scope.to,
          tz: scope.tz,
        })
      : null;
  return (
    <div className="relative overflow-x-auto">
      <table className="text-sm" data-testid={`confusion-${result.dimension}`}>
        <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          Confusion matrix: AI (rows) × person (columns)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="px-1 text-left text-xs font-medium text-slate-600">
              AI \ Person
            </th>
            {result.values.map((v) => (
              <th key={v} scope="col" className="px-1 py-1 text-xs font-medium text-slate-700">
                {info(v).label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.values.map((ai) => (
            <tr key={ai}>
              <th scope="row" className="whitespace-nowrap pr-2 text-left text-xs font-medium text-slate-700">
                {info(ai).label}
              </th>
              {result.values.map((human) => {
                const n = count(ai, human);
                const link = n > 0 ? href(ai, human) : null;
                const tone = ai === human ? "bg-emerald-50 text-emerald-900" : n > 0 ? "bg-rose-50 text-rose-900" : "text-slate-500";
                return (
                  <td key={human} className={clsx("min-w-12 border border-slate-100 text-center tabular-nums", tone)}>
                    {link ? (
                      <Link
                        href={link}
                        className="inline-flex min-h-7 w-full items-center justify-center px-1 font-medium underline-offset-2 hover:underline"
                        aria-label={`${n} calls: AI ${info(ai).label}, person ${info(human).label}`}
                        data-testid={`cell-${ai}-${human}`}
                      >
                        {n}
                      </Link>
                    ) : (
                      n
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Panel({ result, scope }: { result: AccuracyResult; scope: Scope }) {
  const title = result.dimension === "outcome" ? "Outcome" : "Sentiment";
  const info = result.dimension === "outcome" ? outcomeInfo : sentimentInfo;
  return (
    <section
      aria-labelledby={`accuracy-${result.dimension}-title`}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xs"
      data-testid={`accuracy-${result.dimension}`}
    >
      <header>
        <h3 id={`accuracy-${result.dimension}-title`} className="text-sm font-semibold text-slate-900">
          {title}: AI agrees with people
        </h3>
        <p className="mt-0.5 text-sm" data-testid={`accuracy-${result.dimension}-overall`}>
          <Figure p={result.overall} />
        </p>
      </header>
      {result.overall.n > 0 && (
        <>
          <Matrix result={result} scope={scope} />
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
            <GroupTable caption={`By AI ${title.toLowerCase()}`} head={title} rows={result.byValue} label={(k) => info(k).label} />
            <GroupTable caption="By portfolio" head="Portfolio" rows={result.byPortfolio} label={(k) => k || "No portfolio"} />
          </div>
          <GroupTable caption="Over time" head="From" rows={result.trend} label={(k) => k} />
        </>
      )}
    </section>
  );
}

/**
 * AI accuracy on /analytics: agreement between the AI and people's verdicts,
 * with the confusion matrix (a cell opens those calls), per value, per
 * portfolio and over time; every figure with its sample and 95 % Wilson interval.
 */
export function AiAccuracy({ data, scope }: { data: Promise<AccuracyPanels>; scope: Scope }) {
  const { outcome, sentiment } = use(data);
  return (
    <section aria-labelledby="ai-accuracy-title" data-testid="widget-ai-accuracy" className="space-y-3">
      <div>
        <h2 id="ai-accuracy-title" className="text-base font-semibold text-slate-900">
          AI accuracy
        </h2>
        <p className="text-sm text-slate-600">
          Calls people reviewed or corrected in this period. Percentages show the 95 % interval and sample size (n): a small n means a wide
          interval.
        </p>
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Panel result={outcome} scope={scope} />
        <Panel result={sentiment} scope={scope} />
      </div>
    </section>
  );
}
