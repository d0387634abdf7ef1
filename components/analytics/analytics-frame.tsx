"use client";

import clsx from "clsx";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { PeriodView } from "@/lib/analytics/drill-down";
import type { FilterOptions } from "@/lib/analytics/queries";
import { TZ_COOKIE } from "@/lib/analytics/search-params";
import { AnalyticsControls, ZoneNote } from "./analytics-controls";
import { formatRange } from "./format";
import { useAnalyticsParams } from "./use-analytics-params";

/**
 * Days are the viewer's days: with no `tz` in the URL the server reads a
 * cookie, which this sets from the browser's zone (refreshing once if the
 * server guessed differently). A `tz` in the URL always wins.
 */
function useBrowserZoneCookie(serverZone: string, explicit: boolean) {
  const router = useRouter();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || explicit) return;
    done.current = true;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}`;
    const alreadySet = document.cookie.split("; ").includes(cookie);
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from older Safari and Firefox releases still in use; this one fixed cookie needs no parsing
    document.cookie = `${cookie}; path=/; max-age=31536000; samesite=lax`;
    // Only refresh when the cookie is new: if the server cannot use this zone it falls back, and must not loop.
    if (zone !== serverZone && !alreadySet) router.refresh();
  }, [serverZone, explicit, router]);
}

const REFRESH_MS = 5 * 60 * 1000;

/**
 * A wall screen stays current: the figures are re-read every few minutes while
 * the page is visible (same URL, so the same period and filters; a preset
 * period moves with the clock). Returns when the shown figures were fetched.
 */
function useAutoRefresh(key: unknown): string | null {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const [stamp, setStamp] = useState<string | null>(null);
  // A new server render (any navigation or refresh) hands new children: note the time.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the trigger (new children from the server), not a value the effect reads
  useEffect(() => {
    setStamp(new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(new Date()));
  }, [key]);
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [router]);
  return stamp;
}

export function AnalyticsFrame({ period, options, children }: { period: PeriodView; options: FilterOptions; children: React.ReactNode }) {
  const { state, setState, isPending } = useAnalyticsParams();
  useBrowserZoneCookie(period.tz, state.tz !== null);
  const updated = useAutoRefresh(children);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Analytics</h1>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-3 text-sm text-slate-600">
            <span data-testid="analytics-period" data-from={period.from} data-to={period.to} data-tz={period.tz}>
              {formatRange(period.from, period.to)}
            </span>
            <ZoneNote period={period} />
            {updated && (
              <span className="text-xs text-slate-500" data-testid="analytics-updated">
                Updated {updated}, refreshes every 5 min
              </span>
            )}
            {isPending && (
              <span className="text-xs font-medium text-indigo-600" role="status">
                Updating…
              </span>
            )}
          </p>
        </div>
        <AnalyticsControls period={period} state={state} setState={setState} options={options} />
      </div>
      <div aria-busy={isPending} className={clsx("transition-opacity", isPending && "opacity-60")}>
        {children}
      </div>
    </div>
  );
}
