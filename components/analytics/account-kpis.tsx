"use client";

import Link from "next/link";
import { use } from "react";
import type { AccountKpis } from "@/lib/accounts/analytics";
import { accountsHref } from "@/lib/accounts/analytics-links";
import { PASS, PROMISE_VALUES } from "@/lib/analytics/metrics";
import { useAnalyticsView } from "./analytics-context";
import { ChartCard } from "./chart-card";
import { formatCount, formatPercent, formatRange } from "./format";

/** Seconds as the largest sensible unit: "45 min", "6.5 h", "3.2 d". */
export function formatSpan(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "–";
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 86_400 * 2) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

const decimal = (v: number | null) => (v === null || !Number.isFinite(v) ? "–" : v.toFixed(2));

interface Tile {
  key: string;
  label: string;
  value: string;
  detail: string;
  href: string | null;
  linkLabel: string;
}

/** The accounts' figures: promises kept and broken, follow-up after a broken promise, contact and attempt rates. */
export function AccountKpiCards({ data }: { data: Promise<AccountKpis> }) {
  const k = use(data);
  const { period, filters, drill, csv } = useAnalyticsView();
  const broken = accountsHref(filters.project, { broken: true });
  const tiles: Tile[] = [
    {
      key: "keptRate",
      label: "Promise-kept rate",
      value: formatPercent(k.keptRate),
      detail: `${formatCount(k.kept)} kept of ${formatCount(k.kept + k.broken)} matured (${formatCount(k.keptLate)} paid late count as kept); ${formatCount(k.broken)} broken, ${formatCount(k.pending)} pending`,
      href: broken,
      linkLabel: `Accounts with a broken promise (${formatCount(k.broken)} broken)`,
    },
    {
      key: "followUp",
      label: "Broken → next right-party contact",
      value: `${formatSpan(k.followUpMedianSeconds)} median`,
      detail: `p90 ${formatSpan(k.followUpP90Seconds)}; ${formatCount(k.followedUp)} of ${formatCount(k.brokenInPeriod)} promises broken in the period reached again`,
      href: broken,
      linkLabel: "Accounts with a broken promise to follow up",
    },
    {
      key: "rightPartyRate",
      label: "Right-party-contact rate",
      value: formatPercent(k.rightPartyRate),
      detail: `${formatCount(k.rightPartyContacts)} right-party contacts of ${formatCount(k.attempts)} attempts`,
      href: drill({ providerStatus: PASS }),
      linkLabel: "Connected calls in the period",
    },
    {
      key: "promisesPerRpc",
      label: "Promises per right-party contact",
      value: decimal(k.promisesPerRightPartyContact),
      detail: `${formatCount(k.promisesMade)} promises made (a plan counts once) over ${formatCount(k.rightPartyContacts)} contacts`,
      href: drill({ outcome: [...PROMISE_VALUES] }),
      linkLabel: "Promise calls in the period",
    },
    {
      key: "attemptsPerAccount",
      label: "Attempts per account",
      value: decimal(k.attemptsPerAccount),
      detail: `${formatCount(k.attempts)} attempts over ${formatCount(k.accountsCalled)} accounts called`,
      href: accountsHref(filters.project),
      linkLabel: "Accounts list",
    },
  ];
  return (
    <ChartCard
      id="accounts"
      title="Accounts"
      description={`Promises made, broken and calls placed ${formatRange(period.from, period.to)}; the outcome and sentiment filters do not apply to accounts`}
      csvHref={csv("accounts")}
    >
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-5">
        {tiles.map((t) => (
          <li key={t.key} className="flex min-w-0 flex-col rounded-lg border border-slate-100 bg-slate-50/60 p-3">
            <span className="text-[11px] font-medium uppercase leading-4 tracking-wide text-slate-600">{t.label}</span>
            <span className="mt-1 text-2xl font-semibold tabular-nums tracking-tight text-slate-900" data-testid={`account-kpi-${t.key}`}>
              {t.value}
            </span>
            <span className="mt-0.5 text-xs text-slate-600">{t.detail}</span>
            {t.href && (
              <Link
                href={t.href}
                data-testid={`account-kpi-${t.key}-link`}
                className="mt-2 inline-flex min-h-6 items-center self-start rounded text-xs font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {t.linkLabel}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </ChartCard>
  );
}
