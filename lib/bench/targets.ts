/**
 * The targets of issue 7 (2-core machine, 1,000,000 calls) and the raw-SQL
 * reference figures measured beside them (same machine kind, 1M calls,
 * plain SQL on a reasonable schema): the floor each production figure
 * is held against, and the traps a naive design falls into.
 */

export const TARGETS = {
  listP95Ms: 50,
  deepOverFirst: 2,
  searchCommonP95Ms: 200,
  searchRareP95Ms: 50,
  analyticsP95Ms: 200,
  /** Issue 17: the accounts figures and heatmap on /analytics. */
  accountsAnalyticsP95Ms: 100,
  /** Issue 17: npm run crm:rebuild, 10 minutes per million calls. */
  rebuildSecondsPerMillion: 600,
  exportRowsPerSecond: 20_000,
  ingestPerSecond: 300,
  ingestP99Ms: 250,
  loadSecondsPerMillion: 300,
} as const;

/** The scale the targets and anchors were set for. */
export const TARGET_CALLS = 1_000_000;

export interface Anchor {
  /** The reference figure's row name. */
  label: string;
  p50?: number;
  p95?: number;
  /** For throughputs and durations: the figure as written there. */
  value?: string;
  /** A trap (what a naive design costs), not a floor to compare with. */
  trap?: boolean;
}

export const ANCHORS = {
  listFirst: { label: "list, newest 50, no filter", p50: 2.3, p95: 21 },
  listDeepKeyset: { label: "list 10,000 deep, keyset", p50: 1.8, p95: 6.3 },
  listDeepOffset: { label: "list 10,000 deep, OFFSET", p50: 26, p95: 28 },
  outcomeFirst: { label: "list, outcome filter, first", p50: 1.1, p95: 4.7 },
  outcomeDeep: { label: "list, outcome filter, 10k deep keyset", p50: 0.9, p95: 3.3 },
  outcomeSentiment: { label: "list, 2 outcomes + sentiment", p50: 1.2, p95: 4.3 },
  projectRecent: { label: "list, project + last 30 days", p50: 0.9, p95: 5.2 },
  durationNoIndex: { label: "trap: sorted by duration, no index", p50: 1905, p95: 2103, trap: true },
  countAll: { label: "count(*), no filter", p50: 338, p95: 408 },
  countFiltered: { label: "count(*), 2 outcomes + sentiment", p50: 123, p95: 222 },
  searchCommon: { label: "full-text, common phrase, newest 50", p50: 2.0, p95: 79 },
  searchRareTrap: { label: "trap: full-text rare word under ORDER BY … LIMIT", p50: 2969, p95: 3291, trap: true },
  ilike: { label: "ILIKE '%word%'", p50: 12110, p95: 12337 },
  chartRaw: { label: "chart day × outcome, 90 days, raw table", p50: 192, p95: 224 },
  kpisRaw: { label: "KPIs over 90 days, raw table", p50: 1603, p95: 1732 },
  projectRaw: { label: "by project, 90 days, raw table", p50: 1579, p95: 1723 },
  export: { label: "100,000 rows with transcripts, read in order", value: "4.3 s (≈23k rows/s)" },
  ingestSingleRow: { label: "single-row INSERT … ON CONFLICT, one connection", value: "≈700 rows/s" },
  loadInsertSelect: { label: "1M rows with INSERT … SELECT building text in SQL", value: "12.7 min" },
} satisfies Record<string, Anchor>;
