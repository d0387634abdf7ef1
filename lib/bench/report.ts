import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LoadResult } from "./load";
import type { StatementPlan } from "./plans";
import type { Summary } from "./stats";
import type { Anchor } from "./targets";

/**
 * What a benchmark run produces: figures (with baseline, target and raw-SQL
 * anchor), the plans of the production statements, the load phases and the
 * machine. Written as JSON (bench-results/<date>-<calls>.json) and printed as
 * a markdown table for the README.
 */

export type FigureGroup =
  | "load"
  | "list"
  | "search"
  | "facets"
  | "analytics"
  | "export"
  | "http"
  | "ingest"
  | "live"
  | "accounts"
  | "compliance";

export interface Figure {
  id: string;
  group: FigureGroup;
  label: string;
  /** Latency figures are in ms; throughput figures carry `value` in `unit`. */
  unit: "ms" | "rows/s" | "deliveries/s" | "s";
  production: Summary | null;
  value?: number;
  naive: Summary | null;
  naiveValue?: number;
  naiveLabel: string | null;
  /** Naive over production (p50s, or production over naive for throughputs): how many times better the design is. */
  ratio: number | null;
  target: { text: string; met: boolean } | null;
  anchor: Anchor | null;
  naiveAnchor: Anchor | null;
  notes: string[];
  /** The production code failed: the run fails. */
  error?: string;
  /** The naive baseline failed (e.g. timed out): reported, not a failure. */
  naiveError?: string;
  /** Production and naive disagreed where they must agree: the run fails. */
  mismatch?: string[];
  /** Shown beside a throughput instead of p95 (e.g. acknowledgement times). */
  detail?: string;
  /** Indexes into BenchReport.plans. */
  plans: number[];
}

export interface PlanRecord extends Omit<StatementPlan, "root"> {
  figure: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverageAtStart: number[];
  node: string;
  platform: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  database: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  calls: number;
  options: Record<string, unknown>;
  machine: Machine;
  load: (LoadResult & { reused: boolean }) | null;
  planCheck: "planner" | "index-paths";
  figures: Figure[];
  plans: PlanRecord[];
  failures: string[];
  misses: string[];
}

export function machineFacts(postgres: string, postgresSettings: Record<string, string>, database: string): Machine {
  const cpus = os.cpus();
  return {
    cpus: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    postgres,
    postgresSettings,
    database,
  };
}

export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString("en-US")} ms`;
}

export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n == null || !Number.isFinite(n)) return "—";
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function anchorText(anchor: Anchor | null, production?: Summary | null): string {
  if (!anchor) return "";
  if (anchor.value) return `${anchor.value} (${anchor.label})`;
  const vsFloor =
    production && anchor.p50 && !anchor.trap && Number.isFinite(production.p50)
      ? `; production p50 = ${(production.p50 / anchor.p50).toFixed(1)}× floor`
      : "";
  return `${formatMs(anchor.p50)} / ${formatMs(anchor.p95)} (${anchor.label}${vsFloor})`;
}

function productionText(f: Figure): [string, string] {
  if (f.error) return ["ERROR", ""];
  if (f.unit === "ms") return [formatMs(f.production?.p50), formatMs(f.production?.p95)];
  if (f.unit === "s") return [`${formatNumber(f.value, 1)} s`, ""];
  return [
    `${formatNumber(f.value)} ${f.unit}`,
    f.detail ?? (f.production ? `p50 ${formatMs(f.production.p50)} / p95 ${formatMs(f.production.p95)}` : ""),
  ];
}

function naiveText(f: Figure): string {
  if (f.naiveError) return `${f.naiveLabel ?? "naive"}: ${f.naiveError}`;
  if (!f.naiveLabel) return "—";
  if (f.unit === "ms") return `${formatMs(f.naive?.p50)} / ${formatMs(f.naive?.p95)} (${f.naiveLabel})`;
  return `${formatNumber(f.naiveValue)} ${f.unit} (${f.naiveLabel})`;
}

const escapeCell = (s: string) => s.replace(/\|/g, "\\|");

/** The README table: one row per figure. */
export function markdownTable(report: BenchReport): string {
  const m = report.machine;
  const exempt = report.plans.filter((p) => p.exemptSeqScans.length).length;
  const header = [
    `Measured ${report.startedAt.slice(0, 10)} with \`npm run bench -- --calls ${report.calls}\` on ${m.cpus} cores (${m.cpuModel}), ` +
      `${m.memoryGiB} GiB RAM, PostgreSQL ${m.postgres} (${m.database}; shared_buffers=${m.postgresSettings.shared_buffers ?? "?"}), Node ${m.node}. ` +
      `Load average at start: ${m.loadAverageAtStart.join(", ")}. Latencies p50 / p95 over repeated runs after warm-ups; ` +
      `"naive" is measured in the same run; "×" = naive ÷ production (p50). Plans checked with ${report.planCheck === "planner" ? "the planner's own choices" : "sequential scans disabled (small table: only a missing index path shows)"}` +
      `${exempt ? `; ${exempt} predicate-free whole-table read(s) of the small table set aside` : ""}.`,
    "",
    "| Figure | p50 | p95 | Naive p50 / p95 (what) | × | Target (1M) | Raw-SQL floor @1M p50 / p95 |",
    "|---|---|---|---|---|---|---|",
  ];
  const rows = report.figures.map((f) => {
    const [p50, p95] = productionText(f);
    const target = f.target ? `${f.target.met ? "✅" : "❌"} ${f.target.text}` : "";
    const ratio = f.ratio == null ? "" : `${f.ratio >= 10 ? f.ratio.toFixed(0) : f.ratio.toFixed(1)}×`;
    const anchors = [
      anchorText(f.anchor, f.unit === "ms" ? f.production : null),
      f.naiveAnchor ? `naive: ${anchorText(f.naiveAnchor)}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    return `| ${escapeCell(f.label)} | ${p50} | ${escapeCell(p95)} | ${escapeCell(naiveText(f))} | ${ratio} | ${escapeCell(target)} | ${escapeCell(anchors)} |`;
  });
  const load = report.load;
  const loadLines = load
    ? [
        "",
        load.reused
          ? "Load: reused an already loaded database."
          : `Load of ${formatNumber(load.rows)} calls (${(load.copyBytes / 1e9).toFixed(2)} GB of COPY text; table ${(load.tableBytes / 2 ** 30).toFixed(2)} GiB + indexes ${(load.indexBytes / 2 ** 30).toFixed(2)} GiB): ` +
            load.phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(", ") +
            `; total ${(load.totalMs / 1000).toFixed(1)} s.`,
      ]
    : [];
  return [...header, ...rows, ...loadLines].join("\n");
}

export function resultFileName(report: Pick<BenchReport, "startedAt" | "calls">): string {
  return `${report.startedAt.slice(0, 10)}-${report.calls}.json`;
}

export async function writeReport(report: BenchReport, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, resultFileName(report));
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
