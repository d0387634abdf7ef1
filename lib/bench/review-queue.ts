import "server-only";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import { getQaAnalytics } from "@/lib/review/qa-analytics";
import { readQueue, reviewQueueCount } from "@/lib/review/queue";
import type { FigureGroup } from "./report";
import type { Summary } from "./stats";

/**
 * The QA side of the review loop at scale: the review queue (the sampled
 * share of the last 14 days' connected calls plus the flagged ones, minus the
 * reviewed), the navigation's count of it, and the QA panels on /analytics.
 * Reads only; the queue reads the calls as of the data's `now`.
 */
interface Case {
  id: string;
  group: FigureGroup;
  label: string;
  production: () => Promise<unknown>;
  notes?: (result: unknown) => string[];
  target?: (s: Summary) => { text: string; met: boolean } | null;
}

export function reviewQueueCases(now: Date, within: (ms: number) => (s: Summary) => { text: string; met: boolean }): Case[] {
  const benchViewer = { id: "bench", email: "bench@local", name: "Benchmark", role: "manager" as const, via: "apiKey" as const };
  return [
    {
      id: "review.queue.page",
      group: "list",
      label: "review queue: first page (sample + flagged, last 14 days)",
      production: () => readQueue({ now, limit: 50 }),
      notes: (page) => [`${(page as Awaited<ReturnType<typeof readQueue>>).total.toLocaleString("en-US")} calls in the queue`],
      target: within(100),
    },
    {
      id: "review.queue.count",
      group: "list",
      label: "review queue: the navigation's count",
      production: () => reviewQueueCount(benchViewer, now),
      target: within(100),
    },
    {
      id: "review.qa.90d",
      group: "analytics",
      label: "QA panels (score distribution, most failed questions), 90 days",
      production: () => getQaAnalytics(toAnalyticsQuery({ range: "90d" }, now)),
      target: within(100),
    },
  ];
}
