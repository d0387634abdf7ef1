import "server-only";
import pg from "pg";
import { getAccountKpis, getBestTimeToCall } from "@/lib/accounts/analytics";
import { getWork, getWorkCount } from "@/lib/accounts/work";
import { countAgentSummary } from "@/lib/accounts/work-summary";
import { toAnalyticsQuery } from "@/lib/analytics/query";
import { ensureDemoUsers } from "@/lib/auth/bootstrap";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { runAsTrustedViewer } from "@/lib/auth/trusted-viewer";
import type { Viewer } from "@/lib/auth/viewer";
import { startCallsExport } from "@/lib/calls/export";
import { type CallFilters, effectiveSort, NO_FILTERS } from "@/lib/calls/filters";
import { type CallFacets, type CallList, getFacets, listCalls } from "@/lib/calls/queries";
import type { CallSort } from "@/lib/calls/search-params";
import { disconnectPrisma, getPrisma } from "@/lib/db/client";
import { rawEnv, setEnv } from "@/lib/env";
import { accountFigures } from "./accounts";
import { type AccountsRebuild, linkedCalls, rebuildAccounts } from "./accounts-rebuild";
import { ANALYTICS_CASES, diffMaps } from "./analytics";
import { complianceCases } from "./compliance";
import { openBenchDatabase, redactUrl, serverFacts } from "./database";
import { signInCookie, timePage } from "./http";
import { type BuildApp, type IngestTarget, runIngestBench, startIngestTarget } from "./ingest";
import { formatLiveBench, LIVE_TARGET, runLiveBench } from "./live";
import { countCalls, DEFAULT_TRANSCRIPT_LENGTH, type LoadResult, loadCalls } from "./load";
import { type NaiveFacetDimension, naiveAnalytics, naiveExport, naiveFacets, naiveListPage } from "./naive";
import type { BenchOptions } from "./options";
import { explainStatements, oneLineSql } from "./plans";
import { type BenchReport, type Figure, type FigureGroup, machineFacts, type PlanRecord } from "./report";
import { reviewCases, withSeededVerdicts } from "./review";
import { reviewQueueCases } from "./review-queue";
import { captureStatements } from "./sql-capture";
import { measure, type Summary, speedup, summarize } from "./stats";
import { ANCHORS, type Anchor, TARGET_CALLS, TARGETS } from "./targets";

/**
 * `npm run bench`: load N calls, then measure the production code paths the
 * pages use (lib/calls, lib/analytics, the CSV export, the production server
 * and the webhook route), each beside a naive baseline of the same query,
 * with the EXPLAIN plan of every statement the production code sent.
 *
 * The in-process figures run as the demo manager through
 * `runAsTrustedViewer` (lib/auth/trusted-viewer.ts), so the guarded query
 * functions are called exactly as a page calls them, role check included.
 */

const PAGE = 50;
const WALK_PAGE = 200;
/** Seconds to wait for `next start`, the build included. */
const LIST_DEEP_FACTOR = TARGETS.deepOverFirst;

interface CaseSpec<T, N> {
  id: string;
  group: FigureGroup;
  label: string;
  production: () => Promise<T>;
  /** `runs`/`warmups` override the options' naive counts (full-table scans at 1M take tens of seconds each). */
  naive?: { label: string; run: () => Promise<N>; runs?: number; warmups?: number };
  /** Differences between production and naive where both must give the same answer. */
  compare?: (production: T, naive: N) => string[];
  notes?: (production: T) => string[];
  target?: (summary: Summary) => { text: string; met: boolean } | null;
  anchor?: Anchor;
  naiveAnchor?: Anchor;
}

export interface BenchContext {
  options: BenchOptions;
  log: (line: string) => void;
  build?: BuildApp;
  naivePool: pg.Pool;
  explainClient: pg.Client;
  indexPathsOnly: boolean;
  figures: Figure[];
  plans: PlanRecord[];
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
}

function isTimeout(error: unknown): boolean {
  return (error as { code?: string }).code === "57014";
}

async function runCase<T, N>(ctx: BenchContext, spec: CaseSpec<T, N>): Promise<Figure> {
  const { options, log } = ctx;
  const figure: Figure = {
    id: spec.id,
    group: spec.group,
    label: spec.label,
    unit: "ms",
    production: null,
    naive: null,
    naiveLabel: spec.naive?.label ?? null,
    ratio: null,
    target: null,
    anchor: spec.anchor ?? null,
    naiveAnchor: spec.naiveAnchor ?? null,
    notes: [],
    plans: [],
  };
  ctx.figures.push(figure);
  let productionResult: T;
  let statements: Awaited<ReturnType<typeof captureStatements>>["statements"];
  try {
    // The first call doubles as a warm-up and shows which statements production sends.
    ({ result: productionResult, statements } = await captureStatements(spec.production));
    const samples = await measure(spec.production, { warmups: Math.max(0, options.warmups - 1), runs: options.runs });
    figure.production = summarize(samples);
    figure.notes.push(...(spec.notes?.(productionResult) ?? []));
    figure.target = spec.target?.(figure.production) ?? null;
  } catch (error) {
    figure.error = errorText(error);
    log(`  ✗ ${spec.label}: ${figure.error}`);
    return figure;
  }

  if (spec.naive) {
    try {
      const first = await spec.naive.run();
      const samples = await measure(spec.naive.run, {
        warmups: Math.max(0, (spec.naive.warmups ?? options.naiveWarmups) - 1),
        runs: spec.naive.runs ?? options.naiveRuns,
      });
      figure.naive = summarize(samples);
      figure.ratio = speedup(figure.production.p50, figure.naive.p50);
      const diffs = spec.compare?.(productionResult, first) ?? [];
      if (diffs.length) figure.mismatch = diffs;
    } catch (error) {
      figure.naiveError = isTimeout(error) ? `gave up after ${options.naiveTimeoutMs / 1000} s` : errorText(error);
    }
  }

  try {
    const plans = await explainStatements(ctx.explainClient, statements, {
      analyze: options.explainAnalyze,
      indexPathsOnly: ctx.indexPathsOnly,
    });
    for (const plan of plans) {
      const { root: _root, ...rest } = plan;
      figure.plans.push(ctx.plans.length);
      ctx.plans.push({ figure: spec.id, ...rest });
    }
  } catch (error) {
    figure.error = `EXPLAIN failed: ${errorText(error)}`;
  }

  const p = figure.production;
  const n = figure.naive;
  log(
    `  ${spec.label}: p50 ${p.p50.toFixed(2)} ms, p95 ${p.p95.toFixed(2)} ms` +
      (n
        ? ` | naive p50 ${n.p50.toFixed(1)} ms (${figure.ratio?.toFixed(1)}×)`
        : figure.naiveError
          ? ` | naive: ${figure.naiveError}`
          : "") +
      (figure.target && !figure.target.met ? `  MISS (${figure.target.text})` : "") +
      (figure.mismatch ? `  MISMATCH: ${figure.mismatch.join("; ")}` : ""),
  );
  return figure;
}

const withinMs =
  (limit: number, what = "p95") =>
  (s: Summary) => ({ text: `${what} ≤ ${limit} ms`, met: s.p95 <= limit });

function listNotes(list: CallList): string[] {
  return [
    `plan ${list.plan}, ordering ${list.ordering}${list.notice ? `, notice ${list.notice}` : ""}`,
    `total ${list.totalIsEstimate ? "≈" : ""}${list.total.toLocaleString("en-US")}`,
  ];
}

function comparePages(production: CallList, naive: { ids: string[]; total: number }): string[] {
  const diffs: string[] = [];
  const ids = production.items.map((i) => i.id);
  if (ids.join() !== naive.ids.join()) {
    const firstDiff = ids.findIndex((id, i) => id !== naive.ids[i]);
    diffs.push(`page rows differ from OFFSET's (${ids.length} vs ${naive.ids.length} rows, first difference at row ${firstDiff})`);
  }
  if (!production.totalIsEstimate && production.total !== naive.total)
    diffs.push(`exact total ${production.total} vs count(*) ${naive.total}`);
  return diffs;
}

/** Walks the keyset cursor `depth` rows into the listing (pages of 200, as a client paging through would, only bigger). */
async function walkTo(filters: CallFilters, sort: CallSort, depth: number): Promise<{ cursor: string | null; depth: number }> {
  let cursor: string | null = null;
  let seen = 0;
  while (seen < depth) {
    const page: CallList = await listCalls(filters, { sort, cursor, limit: Math.min(WALK_PAGE, depth - seen) });
    seen += page.items.length;
    if (!page.nextCursor) return { cursor: null, depth: seen };
    cursor = page.nextCursor;
  }
  return { cursor, depth: seen };
}

interface ListScenario {
  key: string;
  label: string;
  filters: CallFilters;
  sort: Exclude<CallSort, "relevance">;
  anchors?: { first?: Anchor; deep?: Anchor };
}

async function listFigures(ctx: BenchContext, scenario: ListScenario): Promise<void> {
  const { filters, sort } = scenario;
  const first = await runCase(ctx, {
    id: `list.${scenario.key}.first`,
    group: "list",
    label: `list: ${scenario.label}, first page`,
    production: () => listCalls(filters, { sort, cursor: null, limit: PAGE }),
    naive: { label: "OFFSET 0 + count(*)", run: () => naiveListPage(ctx.naivePool, filters, sort, 0, PAGE) },
    compare: comparePages,
    notes: listNotes,
    target: withinMs(TARGETS.listP95Ms),
    anchor: scenario.anchors?.first,
    naiveAnchor: filters === NO_FILTERS ? ANCHORS.countAll : undefined,
  });

  let walked = await walkTo(filters, sort, ctx.options.deepRows);
  if (!walked.cursor) {
    // The matching set is shorter than the depth asked for: go half way instead, and say so.
    const available = walked.depth;
    walked = await walkTo(filters, sort, Math.floor(available / 2));
    if (!walked.cursor) {
      ctx.log(`  (list: ${scenario.label}: only ${available} rows, no deep page)`);
      return;
    }
  }
  const { cursor, depth } = walked;
  await runCase(ctx, {
    id: `list.${scenario.key}.deep`,
    group: "list",
    label: `list: ${scenario.label}, ${depth.toLocaleString("en-US")} rows deep`,
    production: () => listCalls(filters, { sort, cursor, limit: PAGE }),
    naive: {
      label: `OFFSET ${depth.toLocaleString("en-US")} + count(*)`,
      run: () => naiveListPage(ctx.naivePool, filters, sort, depth, PAGE),
    },
    compare: comparePages,
    notes: listNotes,
    target: (s) => {
      const firstP50 = first.production?.p50 ?? Number.NaN;
      const ratio = s.p50 / firstP50;
      return {
        text: `p95 ≤ ${TARGETS.listP95Ms} ms and p50 ≤ ${LIST_DEEP_FACTOR}× first page (${Number.isFinite(ratio) ? ratio.toFixed(2) : "?"}×)`,
        met: s.p95 <= TARGETS.listP95Ms && ratio <= LIST_DEEP_FACTOR,
      };
    },
    anchor: scenario.anchors?.deep,
    naiveAnchor: filters === NO_FILTERS && sort === "receivedAt.desc" ? ANCHORS.listDeepOffset : undefined,
  });
}

function facetMismatches(production: CallFacets, naive: Record<NaiveFacetDimension, Map<string, number>>): string[] {
  const diffs: string[] = [];
  for (const dim of Object.keys(naive) as NaiveFacetDimension[]) {
    const facet = production[dim];
    if (facet.estimated) continue;
    const counted = new Map(facet.options.map((o) => [o.value, o.count]));
    for (const value of new Set([...counted.keys(), ...naive[dim].keys()])) {
      const a = counted.get(value) ?? 0;
      const b = naive[dim].get(value) ?? 0;
      if (a !== b && (counted.has(value) || facet.options.length < 60)) diffs.push(`${dim}=${value}: ${a} vs ${b}`);
    }
  }
  return diffs.slice(0, 5);
}

async function exportRows(rows: number): Promise<number> {
  const { stream } = await startCallsExport(NO_FILTERS, "receivedAt.desc");
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let records = -1; // the header line
  try {
    while (records < rows) {
      const { done, value } = await reader.read();
      if (done) break;
      const text = decoder.decode(value, { stream: true });
      for (let i = text.indexOf("\r\n"); i !== -1; i = text.indexOf("\r\n", i + 2)) records++;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return records;
}

async function exportFigure(ctx: BenchContext): Promise<void> {
  const { options, log } = ctx;
  const rows = options.exportRows;
  const figure: Figure = {
    id: "export.csv",
    group: "export",
    label: `CSV export of ${rows.toLocaleString("en-US")} rows (export module, newest first)`,
    unit: "rows/s",
    production: null,
    naive: null,
    naiveLabel: "OFFSET batches of SELECT *",
    ratio: null,
    target: null,
    anchor: ANCHORS.export,
    naiveAnchor: null,
    notes: [],
    plans: [],
  };
  ctx.figures.push(figure);
  try {
    const { result: sampleRows, statements } = await captureStatements(() => exportRows(Math.min(rows, 4_000)));
    if (sampleRows <= 0) throw new Error("the export produced no rows");
    const counts: number[] = [];
    const samples = await measure(async () => counts.push(await exportRows(rows)), { warmups: 1, runs: options.exportRuns });
    const produced = counts.at(-1) ?? 0;
    if (produced < rows) figure.notes.push(`only ${produced} rows exist; rate computed on those`);
    figure.production = summarize(samples);
    figure.value = produced / (figure.production.p50 / 1000);
    figure.target = {
      text: `≥ ${TARGETS.exportRowsPerSecond.toLocaleString("en-US")} rows/s`,
      met: figure.value >= TARGETS.exportRowsPerSecond,
    };
    const plans = await explainStatements(ctx.explainClient, statements, {
      analyze: options.explainAnalyze,
      indexPathsOnly: ctx.indexPathsOnly,
    });
    for (const { root: _root, ...plan } of plans) {
      figure.plans.push(ctx.plans.length);
      ctx.plans.push({ figure: figure.id, ...plan });
    }
  } catch (error) {
    figure.error = errorText(error);
    log(`  ✗ ${figure.label}: ${figure.error}`);
    return;
  }
  try {
    const counts: number[] = [];
    const samples = await measure(async () => counts.push(await naiveExport(ctx.naivePool, rows)), {
      warmups: Math.min(1, options.naiveWarmups),
      runs: options.naiveRuns,
    });
    figure.naive = summarize(samples);
    figure.naiveValue = (counts.at(-1) ?? 0) / (figure.naive.p50 / 1000);
    figure.ratio = figure.value && figure.naiveValue ? figure.value / figure.naiveValue : null;
  } catch (error) {
    figure.naiveError = isTimeout(error) ? `gave up after ${options.naiveTimeoutMs / 1000} s` : errorText(error);
  }
  log(
    `  ${figure.label}: ${Math.round(figure.value ?? 0).toLocaleString("en-US")} rows/s` +
      (figure.naiveValue ? ` | naive ${Math.round(figure.naiveValue).toLocaleString("en-US")} rows/s` : "") +
      (figure.target && !figure.target.met ? `  MISS (${figure.target.text})` : ""),
  );
}

async function benchViewer(url: string): Promise<Viewer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const user = DEMO_USERS.manager;
    const { rows } = await client.query<{ id: string; name: string; email: string }>("SELECT id, name, email FROM users WHERE email = $1", [
      user.email,
    ]);
    const row = rows[0];
    if (!row) throw new Error(`The demo manager (${user.email}) is missing from the benchmark database.`);
    return { id: row.id, name: row.name, email: row.email, role: "manager", via: "session" };
  } finally {
    await client.end();
  }
}

/** Most common project (from the planner's statistics: no scan). */
async function topProject(client: pg.ClientBase): Promise<string | null> {
  const { rows } = await client.query<{ v: string | null }>(
    `SELECT (most_common_vals::text::text[])[1] AS v FROM pg_stats
      WHERE schemaname = current_schema() AND tablename = 'calls' AND attname = 'project_id'`,
  );
  return rows[0]?.v ?? null;
}

async function matchCount(client: pg.ClientBase, q: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM calls WHERE search_vector @@ websearch_to_tsquery('english', $1)",
    [q],
  );
  return rows[0]?.n ?? 0;
}

async function inProcessFigures(ctx: BenchContext, now: Date): Promise<void> {
  const { options, log } = ctx;
  const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const project = await topProject(ctx.explainClient);
  const outcome: CallFilters = { ...NO_FILTERS, outcome: ["PAYMENT PROMISE"] };
  const outcomeSentiment: CallFilters = { ...NO_FILTERS, outcome: ["PAYMENT PROMISE", "PAYMENT EXTENSION"], sentiment: ["NEGATIVE"] };
  const dateRange: CallFilters = { ...NO_FILTERS, from: days(200), to: days(170) };
  const byProject: CallFilters = { ...NO_FILTERS, project: project ? [project] : ["(none)"] };
  const combined: CallFilters = {
    ...NO_FILTERS,
    outcome: ["PAYMENT PROMISE", "PAYMENT EXTENSION"],
    sentiment: ["NEUTRAL"],
    project: byProject.project,
    from: days(90),
  };

  log("Calls list (listCalls, lib/calls/queries.ts):");
  const scenarios: ListScenario[] = [
    {
      key: "none",
      label: "no filter",
      filters: NO_FILTERS,
      sort: "receivedAt.desc",
      anchors: { first: ANCHORS.listFirst, deep: ANCHORS.listDeepKeyset },
    },
    {
      key: "outcome",
      label: "outcome",
      filters: outcome,
      sort: "receivedAt.desc",
      anchors: { first: ANCHORS.outcomeFirst, deep: ANCHORS.outcomeDeep },
    },
    {
      key: "outcome-sentiment",
      label: "2 outcomes + sentiment",
      filters: outcomeSentiment,
      sort: "receivedAt.desc",
      anchors: { first: ANCHORS.outcomeSentiment },
    },
    { key: "date-range", label: "date range (30 days, 170–200 days ago)", filters: dateRange, sort: "receivedAt.desc" },
    { key: "project", label: `project (${byProject.project[0]})`, filters: byProject, sort: "receivedAt.desc" },
    {
      key: "combined",
      label: "2 outcomes + sentiment + project + last 90 days",
      filters: combined,
      sort: "receivedAt.desc",
      anchors: { first: ANCHORS.projectRecent },
    },
    {
      key: "duration",
      label: "sorted by duration (longest first)",
      filters: NO_FILTERS,
      sort: "duration.desc",
      anchors: { first: ANCHORS.durationNoIndex },
    },
  ];
  for (const scenario of scenarios) await listFigures(ctx, scenario);

  log("Transcript search (listCalls with q, the page's default sort):");
  const common = options.commonPhrase;
  const rare = options.rarePhrase;
  const counts = { common: await matchCount(ctx.explainClient, common), rare: await matchCount(ctx.explainClient, rare) };
  log(`  ${common} matches ${counts.common.toLocaleString("en-US")} calls; ${rare} matches ${counts.rare.toLocaleString("en-US")}.`);
  const searches: { key: string; label: string; filters: CallFilters; limit: number; anchor?: Anchor }[] = [
    {
      key: "common",
      label: `search: common phrase ${common}`,
      filters: { ...NO_FILTERS, q: common },
      limit: TARGETS.searchCommonP95Ms,
      anchor: ANCHORS.searchCommon,
    },
    {
      key: "common-outcome",
      label: `search: common phrase ${common} + outcome`,
      filters: { ...outcome, q: common },
      limit: TARGETS.searchCommonP95Ms,
    },
    {
      key: "rare",
      label: `search: rare phrase ${rare}`,
      filters: { ...NO_FILTERS, q: rare },
      limit: TARGETS.searchRareP95Ms,
      anchor: ANCHORS.searchRareTrap,
    },
    {
      key: "rare-recent",
      label: `search: rare phrase ${rare} + last 180 days`,
      filters: { ...NO_FILTERS, q: rare, from: days(180) },
      limit: TARGETS.searchRareP95Ms,
    },
  ];
  for (const s of searches) {
    const sort = effectiveSort(null, s.filters.q);
    await runCase(ctx, {
      id: `search.${s.key}`,
      group: "search",
      label: s.label,
      production: () => listCalls(s.filters, { sort, cursor: null, limit: PAGE }),
      // One run after the first: each is a full scan of every transcript (seconds to tens of seconds at 1M).
      naive: {
        label: "ILIKE + count(*)",
        run: () => naiveListPage(ctx.naivePool, s.filters, "receivedAt.desc", 0, PAGE),
        runs: 1,
        warmups: 1,
      },
      notes: (list) => [
        ...listNotes(list),
        `${(s.key.startsWith("common") ? counts.common : counts.rare).toLocaleString("en-US")} full-text matches overall`,
      ],
      target: withinMs(s.limit),
      anchor: s.anchor,
      naiveAnchor: s.key === "rare" ? ANCHORS.ilike : undefined,
    });
  }

  log("Filter counts (getFacets):");
  for (const [key, label, filters] of [
    ["none", "no filter", NO_FILTERS],
    ["outcome", "outcome", outcome],
  ] as const) {
    await runCase(ctx, {
      id: `facets.${key}`,
      group: "facets",
      label: `filter counts: ${label}`,
      production: () => getFacets(filters),
      naive: { label: "all rows' dimensions counted in JavaScript", run: () => naiveFacets(ctx.naivePool, filters) },
      compare: facetMismatches,
      notes: (f) => [
        `estimated: ${
          Object.entries(f)
            .filter(([, v]) => v.estimated)
            .map(([k]) => k)
            .join(", ") || "none"
        }`,
      ],
      target: withinMs(TARGETS.listP95Ms),
      naiveAnchor: key === "none" ? ANCHORS.countAll : undefined,
    });
  }

  log("Analytics (lib/analytics/queries.ts):");
  for (const periodDays of [30, 90] as const) {
    const q = toAnalyticsQuery({ range: periodDays === 30 ? "30d" : "90d" }, now);
    for (const c of ANALYTICS_CASES) {
      const anchor =
        periodDays === 90
          ? c.kind === "outcomeTrend"
            ? ANCHORS.chartRaw
            : c.kind === "kpis"
              ? ANCHORS.kpisRaw
              : c.kind === "projectBreakdown"
                ? ANCHORS.projectRaw
                : undefined
          : undefined;
      await runCase(ctx, {
        id: `analytics.${c.kind}.${periodDays}d`,
        group: "analytics",
        label: `analytics: ${c.label}, ${periodDays} days`,
        production: () => c.run(q),
        naive: { label: "aggregate over the raw calls table", run: () => naiveAnalytics(ctx.naivePool, c.kind, q) },
        compare: (production, naive) => diffMaps(c.flatten(production as never), naive),
        target: withinMs(TARGETS.analyticsP95Ms),
        naiveAnchor: anchor,
      });
    }
  }

  log("My work (getWork / getWorkCount, lib/accounts/work.ts):");
  const workCases: [string, string, () => Promise<unknown>][] = [
    ["work.mine", "My work: own + unassigned accounts, every queue", () => getWork({ agent: "mine" })],
    ["work.all", "My work: manager, every agent's queues", () => getWork({})],
    ["work.summary", "My work: manager page with the per-agent summary (as last counted)", () => getWork({}, { summary: true })],
    ["work.count", "My work: the navigation count", () => getWorkCount()],
  ];
  for (const [id, label, production] of workCases) {
    await runCase(ctx, { id, group: "list", label, production, target: withinMs(TARGETS.listP95Ms) });
  }
  // What the page no longer waits for: the worker's count of every open item, once a minute (no page target).
  await runCase(ctx, {
    id: "work.summary.recount",
    group: "list",
    label: "My work: the worker's per-agent recount (every minute, off the page)",
    production: () => countAgentSummary(getPrisma()),
  });

  log("Accounts analytics (lib/accounts/analytics.ts):");
  for (const periodDays of [30, 90] as const) {
    const q = toAnalyticsQuery({ range: periodDays === 30 ? "30d" : "90d" }, now);
    const cases: [string, string, () => Promise<unknown>][] = [
      ["kpis", "accounts KPIs (kept rate, follow-up, contact rates)", () => getAccountKpis(q)],
      ["bestTime", "best time to call (weekday × hour)", () => getBestTimeToCall(q)],
    ];
    for (const [kind, label, run] of cases) {
      await runCase(ctx, {
        id: `accounts.${kind}.${periodDays}d`,
        group: "analytics",
        label: `analytics: ${label}, ${periodDays} days`,
        production: run,
        target: withinMs(TARGETS.accountsAnalyticsP95Ms),
      });
    }
  }

  log("CSV export (startCallsExport, lib/calls/export.ts):");
  await exportFigure(ctx);

  await accountFigures(ctx, runCase as never);

  log("Compliance (lib/compliance/check.ts, lib/compliance/queries.ts):");
  const compliance = await complianceCases(ctx.explainClient);
  for (const note of compliance.notes) log(`  ${note}`);
  for (const c of compliance.cases) {
    await runCase(ctx, { id: c.id, group: "compliance", label: c.label, production: c.run, target: withinMs(c.limitMs) });
  }

  log("Review loop (lib/review: AI accuracy, corrected analytics, verdict filters):");
  await withSeededVerdicts(ctx.explainClient, log, async () => {
    for (const c of reviewCases(now, withinMs)) await runCase(ctx, c);
  });

  log("QA reviews (lib/review: the review queue, its navigation count, the QA panels):");
  for (const c of reviewQueueCases(now, withinMs)) await runCase(ctx, c);
}

/** The account page of the account with the most calls (the heaviest page), or null before any account is derived. */
async function busiestAccountPath(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client
      .query<{ id: string }>("SELECT id FROM crm_accounts ORDER BY calls DESC, id LIMIT 1")
      .catch(() => ({ rows: [] as { id: string }[] }));
    return rows[0] ? `/accounts/${rows[0].id}` : null;
  } finally {
    await client.end();
  }
}

async function serverFigures(ctx: BenchContext, databaseUrl: string): Promise<void> {
  const { options, log } = ctx;
  const previous = { dist: rawEnv().NEXT_DIST_DIR, bench: rawEnv().BENCH_DATABASE_URL };
  setEnv("NEXT_DIST_DIR", options.distDir);
  setEnv("BENCH_DATABASE_URL", databaseUrl);
  let target: IngestTarget | undefined;
  try {
    log(`Production server (${options.distDir}, port ${options.port}):`);
    if (!ctx.build) throw new Error("The server figures need a build function (runBench's third argument).");
    target = await startIngestTarget({ port: options.port, log: (line) => log(`  ${line}`), build: ctx.build });
    if (options.http) {
      const user = DEMO_USERS.manager;
      const accountPath = await busiestAccountPath(databaseUrl);
      for (const path of ["/calls", "/analytics", ...(accountPath ? [accountPath] : [])]) {
        const figure: Figure = {
          id: path === accountPath ? "http.accounts.id" : `http${path.replace(/\//g, ".")}`,
          group: "http",
          label:
            path === accountPath
              ? "HTTP time to first byte: GET /accounts/[id], the account with the most calls (signed in)"
              : `HTTP time to first byte: GET ${path} (signed in)`,
          unit: "ms",
          production: null,
          naive: null,
          naiveLabel: null,
          ratio: null,
          target: null,
          anchor: null,
          naiveAnchor: null,
          notes: [],
          plans: [],
        };
        ctx.figures.push(figure);
        try {
          const cookie = await signInCookie(target.baseUrl, user.email, user.password);
          const timing = await timePage(target.baseUrl, path, cookie, { warmups: Math.max(2, options.warmups), runs: options.runs });
          figure.production = timing.ttfb;
          figure.notes.push(
            `whole response: p50 ${timing.full.p50.toFixed(1)} ms, p95 ${timing.full.p95.toFixed(1)} ms, ${timing.bytes.toLocaleString("en-US")} bytes`,
          );
          log(`  GET ${path}: TTFB p50 ${timing.ttfb.p50.toFixed(1)} ms, p95 ${timing.ttfb.p95.toFixed(1)} ms; ${figure.notes[0]}`);
        } catch (error) {
          figure.error = errorText(error);
          log(`  ✗ GET ${path}: ${figure.error}`);
        }
      }
    }
    if (options.ingest) {
      const figure: Figure = {
        id: "ingest.webhooks",
        group: "ingest",
        label: `webhook ingestion (bench:ingest, ${options.ingestRate}/s offered for ${options.ingestSeconds} s)`,
        unit: "deliveries/s",
        production: null,
        naive: null,
        naiveLabel: null,
        ratio: null,
        target: null,
        anchor: null,
        naiveAnchor: ANCHORS.ingestSingleRow,
        notes: [],
        plans: [],
      };
      ctx.figures.push(figure);
      try {
        const result = await runIngestBench({
          target: { baseUrl: target.baseUrl, databaseUrl: target.databaseUrl, secret: target.secret },
          durationSeconds: options.ingestSeconds,
          rate: options.ingestRate,
          concurrency: options.ingestConcurrency,
          log: (line) => log(`  ${line}`),
        });
        figure.value = result.sustainedPerSecond;
        figure.detail = `ack p50 ${result.ackMs.p50.toFixed(1)} ms / p99 ${result.ackMs.p99.toFixed(1)} ms`;
        figure.notes.push(
          `acknowledgement p50 ${result.ackMs.p50.toFixed(1)} ms, p90 ${result.ackMs.p90.toFixed(1)} ms, p99 ${result.ackMs.p99.toFixed(1)} ms, max ${result.ackMs.max.toFixed(0)} ms`,
          `${result.attempts} deliveries, lost ${result.lost}, duplicated ${result.duplicated}, unacknowledged ${result.unacknowledged}`,
        );
        figure.target = {
          text: `≥ ${TARGETS.ingestPerSecond}/s sustained, p99 < ${TARGETS.ingestP99Ms} ms (p99 ${result.ackMs.p99.toFixed(0)} ms), nothing lost or duplicated`,
          met: result.passed,
        };
        log(`  ingestion: ${result.sustainedPerSecond.toFixed(1)}/s, ${figure.notes.join("; ")}`);
      } catch (error) {
        figure.error = errorText(error);
        log(`  ✗ ingestion: ${figure.error}`);
      }
    }
    if (options.live) await liveFigure(ctx, target);
  } finally {
    await target?.stop();
    setEnv("NEXT_DIST_DIR", previous.dist);
    setEnv("BENCH_DATABASE_URL", previous.bench);
  }
}

async function liveFigure(ctx: BenchContext, target: IngestTarget): Promise<void> {
  const { options, log } = ctx;
  const figure: Figure = {
    id: "live.feed",
    group: "live",
    label: `live feed: ${options.liveLists} open lists, ${options.liveRate} webhooks/s for ${options.liveSeconds} s (event age p95)`,
    unit: "ms",
    production: null,
    naive: null,
    naiveLabel: null,
    ratio: null,
    target: null,
    anchor: null,
    naiveAnchor: null,
    notes: [],
    plans: [],
  };
  ctx.figures.push(figure);
  try {
    const cookie = await signInCookie(target.baseUrl, DEMO_USERS.agent.email, DEMO_USERS.agent.password);
    const result = await runLiveBench({
      ...target,
      cookie,
      lists: options.liveLists,
      rate: options.liveRate,
      seconds: options.liveSeconds,
    });
    figure.production = result.ageMs;
    figure.notes.push(
      ...formatLiveBench(result)
        .split("\n")
        .slice(1)
        .map((l) => l.trim()),
    );
    figure.target = { text: `p95 < ${LIVE_TARGET.p95AgeMs} ms, every call heard by every list, one LISTEN connection`, met: result.passed };
    log(formatLiveBench(result).replace(/^/gm, "  "));
  } catch (error) {
    figure.error = errorText(error);
    log(`  ✗ live feed: ${figure.error}`);
  }
}

function loadFigure(load: LoadResult, calls: number): Figure {
  const seconds = load.totalMs / 1000;
  const limit = (TARGETS.loadSecondsPerMillion * calls) / TARGET_CALLS;
  return {
    id: "load",
    group: "load",
    label: `load ${calls.toLocaleString("en-US")} calls (COPY, indexes, rollups, VACUUM ANALYZE)`,
    unit: "s",
    production: null,
    value: seconds,
    naive: null,
    naiveLabel: null,
    ratio: null,
    target: { text: `< ${Math.round(limit)} s (5 min per million)`, met: seconds < limit },
    anchor: ANCHORS.loadInsertSelect,
    naiveAnchor: null,
    notes: load.phases.map((p) => `${p.name}: ${(p.ms / 1000).toFixed(1)} s${p.detail ? ` (${p.detail})` : ""}`),
    plans: [],
  };
}

function rebuildFigure(r: AccountsRebuild, calls: number): Figure {
  const limit = (TARGETS.rebuildSecondsPerMillion * calls) / TARGET_CALLS;
  return {
    id: "accounts.rebuild",
    group: "load",
    label: `accounts rebuild (npm run crm:rebuild) of ${calls.toLocaleString("en-US")} calls into ${r.accounts.toLocaleString("en-US")} accounts`,
    unit: "s",
    production: null,
    value: r.seconds,
    naive: null,
    naiveLabel: null,
    ratio: null,
    target: { text: `≤ ${Math.round(limit)} s (10 min per million)`, met: r.seconds <= limit },
    anchor: null,
    naiveAnchor: null,
    notes: [r.summary, `then VACUUM (ANALYZE) of the crm tables ${r.vacuumSeconds.toFixed(1)} s`],
    plans: [],
  };
}

/** `build` makes the production app for the server figures (the command passes lib/cli/build.ts's ensureBuild). */
export async function runBench(options: BenchOptions, log: (line: string) => void = console.log, build?: BuildApp): Promise<BenchReport> {
  const startedAt = new Date();
  const db = await openBenchDatabase({ url: options.databaseUrl, allowRemote: options.allowRemote, dataDir: options.dataDir, log });
  const previousDatabaseUrl = rawEnv().DATABASE_URL;
  // The production modules (lib/db/client.ts) read DATABASE_URL when they first connect.
  setEnv("DATABASE_URL", db.url);
  const naivePool = new pg.Pool({ connectionString: db.url, max: 4, statement_timeout: options.naiveTimeoutMs });
  naivePool.on("error", () => {});
  const explainClient = new pg.Client({ connectionString: db.url });
  try {
    await explainClient.connect();
    const facts = await serverFacts(db.url);
    const machine = machineFacts(facts.version, facts.settings, db.kind.startsWith("embedded") ? db.kind : redactUrl(db.url));

    let load: BenchReport["load"] = null;
    let calls = options.calls;
    const existing = await countCalls(db.url);
    if (existing > 0) {
      if (!options.reuse) {
        throw new Error(
          `The benchmark database already holds ${existing.toLocaleString("en-US")} calls. Use an empty database, or pass --reuse to measure those.`,
        );
      }
      log(`Reusing the ${existing.toLocaleString("en-US")} calls already loaded.`);
      calls = existing;
      await explainClient.query("ANALYZE calls");
      load = { rows: existing, copyBytes: 0, phases: [], totalMs: 0, tableBytes: 0, indexBytes: 0, reused: true };
    } else {
      log(
        `Loading ${calls.toLocaleString("en-US")} calls over ${options.days} days (seed ${options.seed}, ${options.loadConnections} COPY connections):`,
      );
      const result = await loadCalls(db.url, {
        count: calls,
        seed: options.seed,
        days: options.days,
        now: startedAt,
        connections: options.loadConnections,
        transcriptLength: DEFAULT_TRANSCRIPT_LENGTH,
        log,
      });
      log(
        `  total ${(result.totalMs / 1000).toFixed(1)} s; table ${(result.tableBytes / 2 ** 30).toFixed(2)} GiB, indexes ${(result.indexBytes / 2 ** 30).toFixed(2)} GiB`,
      );
      load = { ...result, reused: false };
    }
    const crm = await linkedCalls(db.url);
    let accountsRebuild: AccountsRebuild | null = null;
    if (crm.links < crm.calls && options.accounts) {
      log(
        `Deriving the accounts of ${crm.calls.toLocaleString("en-US")} calls with npm run crm:rebuild (${crm.links.toLocaleString("en-US")} linked so far):`,
      );
      accountsRebuild = await rebuildAccounts(db.url, log);
      log(
        `  ${accountsRebuild.accounts.toLocaleString("en-US")} accounts in ${accountsRebuild.seconds.toFixed(1)} s; VACUUM (ANALYZE) of the crm tables ${accountsRebuild.vacuumSeconds.toFixed(1)} s`,
      );
    } else {
      log(
        `Accounts already derived: ${crm.accounts.toLocaleString("en-US")} accounts over ${crm.links.toLocaleString("en-US")} linked calls.`,
      );
    }
    await ensureDemoUsers(db.url);
    const viewer = await benchViewer(db.url);

    const planCheck = options.planCheck === "auto" ? (calls >= 200_000 ? "planner" : "index-paths") : options.planCheck;
    const ctx: BenchContext = {
      options,
      log,
      build,
      naivePool,
      explainClient,
      indexPathsOnly: planCheck === "index-paths",
      figures: [],
      plans: [],
    };
    if (load && !load.reused) ctx.figures.push(loadFigure(load, calls));
    if (accountsRebuild) ctx.figures.push(rebuildFigure(accountsRebuild, calls));

    await runAsTrustedViewer(viewer, () => inProcessFigures(ctx, new Date()));
    if (options.http || options.ingest || options.live) await serverFigures(ctx, db.url);

    const failures: string[] = [];
    for (const f of ctx.figures) {
      if (f.error) failures.push(`${f.label}: ${f.error}`);
      if (f.mismatch) failures.push(`${f.label}: production and naive disagree: ${f.mismatch.join("; ")}`);
    }
    for (const plan of ctx.plans) {
      if (plan.seqScansOnCalls.length) {
        failures.push(
          `${plan.figure}: sequential scan on calls (${plan.seqScansOnCalls.join(", ")}) in: ${oneLineSql(plan.sql).slice(0, 200)}`,
        );
      }
    }
    const misses = ctx.figures.filter((f) => f.target && !f.target.met).map((f) => `${f.label}: ${f.target!.text}`);
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      calls,
      options: { ...options, databaseUrl: options.databaseUrl ? redactUrl(options.databaseUrl) : undefined },
      machine,
      load,
      planCheck,
      figures: ctx.figures,
      plans: ctx.plans,
      failures,
      misses,
    };
  } finally {
    await explainClient.end().catch(() => {});
    await naivePool.end().catch(() => {});
    await disconnectPrisma().catch(() => {});
    setEnv("DATABASE_URL", previousDatabaseUrl);
    await db.stop();
  }
}
