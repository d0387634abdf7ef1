import { format, parseISO, subDays } from "date-fns";
import { outcomeInfo, sentimentInfo } from "@/lib/calls/catalogue";
import { CALL_FILTERS } from "@/lib/calls/filter-table";
import type { CallSearchParams, FilterKey, HideableColumn } from "@/lib/calls/search-params";

/** Human wording for the list's filters: toolbar buttons, empty state, "remove this filter" links. */
export const COLUMN_LABELS: Record<HideableColumn | "receivedAt", string> = {
  receivedAt: "Received",
  numberTo: "Contact",
  numberFrom: "Levers number",
  outcome: CALL_FILTERS.outcome.label,
  sentiment: CALL_FILTERS.sentiment.label,
  duration: CALL_FILTERS.durationMin.label,
  deliveryStatus: CALL_FILTERS.deliveryStatus.label,
  providerStatus: CALL_FILTERS.providerStatus.label,
  project: CALL_FILTERS.project.label,
  summary: "Summary",
};

export interface ActiveFilter {
  /** Stable id for tests and keys ("outcome", "date", …). */
  id: string;
  label: string;
  /** The URL keys to clear to remove this filter. */
  keys: FilterKey[];
}

export const DATE_PRESETS = [
  { id: "today", label: "Today", days: 1 },
  { id: "7d", label: "Last 7 days", days: 7 },
  { id: "30d", label: "Last 30 days", days: 30 },
  { id: "90d", label: "Last 90 days", days: 90 },
] as const;

export function localToday(): string {
  return format(new Date(), "yyyy-MM-dd");
}

/** A preset as URL values: a date-only `from` in the browser's zone, open-ended `to`. */
export function presetRange(days: number, today = localToday()): { from: string; to: null } {
  return { from: format(subDays(parseISO(today), days - 1), "yyyy-MM-dd"), to: null };
}

export function matchingPreset(from: string | null, to: string | null, today = localToday()): string | null {
  if (!from || to) return null;
  return DATE_PRESETS.find((p) => presetRange(p.days, today).from === from)?.id ?? null;
}

function day(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? format(parseISO(value), "d MMM yyyy") : value.replace("T", " ");
}

export function dateLabel(from: string | null, to: string | null, today?: string): string | null {
  if (!from && !to) return null;
  const preset = matchingPreset(from, to, today);
  if (preset) return DATE_PRESETS.find((p) => p.id === preset)!.label;
  if (from && to) return `${day(from)} – ${day(to)}`;
  return from ? `Since ${day(from)}` : `Until ${day(to!)}`;
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s} s`;
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
}

export function durationLabel(min: number | null, max: number | null): string | null {
  if (min === null && max === null) return null;
  if (min !== null && max !== null) return `${formatSeconds(min)} – ${formatSeconds(max)}`;
  return min !== null ? `≥ ${formatSeconds(min)}` : `≤ ${formatSeconds(max!)}`;
}

function listLabel(values: string[], label: (v: string) => string): string {
  const first = values[0] ? label(values[0]) : "";
  return values.length > 1 ? `${first} +${values.length - 1}` : first;
}

export function describeFilters(s: CallSearchParams): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (s.q) out.push({ id: "q", label: `Search “${s.q}”`, keys: ["q"] });
  const dimensionLabel = (d: keyof typeof CALL_FILTERS) => CALL_FILTERS[d].label;
  if (s.outcome.length)
    out.push({
      id: "outcome",
      label: `${dimensionLabel("outcome")}: ${listLabel(s.outcome, (v) => outcomeInfo(v).label)}`,
      keys: ["outcome"],
    });
  if (s.sentiment.length)
    out.push({
      id: "sentiment",
      label: `${dimensionLabel("sentiment")}: ${listLabel(s.sentiment, (v) => sentimentInfo(v).label)}`,
      keys: ["sentiment"],
    });
  const date = dateLabel(s.from, s.to);
  if (date) out.push({ id: "date", label: `${dimensionLabel("from")}: ${date}`, keys: ["from", "to"] });
  if (s.deliveryStatus)
    out.push({ id: "deliveryStatus", label: `${dimensionLabel("deliveryStatus")}: ${s.deliveryStatus}`, keys: ["deliveryStatus"] });
  if (s.providerStatus)
    out.push({ id: "providerStatus", label: `${dimensionLabel("providerStatus")}: ${s.providerStatus}`, keys: ["providerStatus"] });
  const duration = durationLabel(s.durationMin, s.durationMax);
  if (duration) out.push({ id: "duration", label: `${dimensionLabel("durationMin")}: ${duration}`, keys: ["durationMin", "durationMax"] });
  if (s.project.length)
    out.push({ id: "project", label: `${dimensionLabel("project")}: ${listLabel(s.project, (v) => v)}`, keys: ["project"] });
  if (s.hasRecording !== null)
    out.push({ id: "hasRecording", label: s.hasRecording ? "With recording" : "Without recording", keys: ["hasRecording"] });
  if (s.reviewed !== null) out.push({ id: "reviewed", label: s.reviewed ? "Reviewed" : "Not reviewed", keys: ["reviewed"] });
  if (s.corrected !== null) out.push({ id: "corrected", label: s.corrected ? "Corrected" : "Not corrected", keys: ["corrected"] });
  if (s.correctedOutcome.length)
    out.push({
      id: "correctedOutcome",
      label: `${dimensionLabel("correctedOutcome")}: ${listLabel(s.correctedOutcome, (v) => outcomeInfo(v).label)}`,
      keys: ["correctedOutcome"],
    });
  if (s.correctedSentiment.length)
    out.push({
      id: "correctedSentiment",
      label: `${dimensionLabel("correctedSentiment")}: ${listLabel(s.correctedSentiment, (v) => sentimentInfo(v).label)}`,
      keys: ["correctedSentiment"],
    });
  return out;
}

/** Maps a server filter dimension (lib/calls/filter-table.ts) to the toolbar filter that holds it. */
export function filterIdForDimension(dimension: string): string {
  if (dimension === "from" || dimension === "to") return "date";
  if (dimension === "durationMin" || dimension === "durationMax") return "duration";
  return dimension;
}
