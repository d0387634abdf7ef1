/**
 * The one catalogue of call outcomes (`callOutput`) and sentiments
 * (`sentimentOutput`): labels, colours, order and meaning. Badges, filters,
 * charts and KPIs all read it. The set Levers sends is open, so an unknown
 * value is never an error: it is shown as sent, in a neutral style.
 * Plain data: safe to import from client components.
 */

export interface OutcomeInfo {
  value: string;
  label: string;
  /** Hex colour for charts. */
  color: string;
  /** Tailwind classes for badges. */
  badge: string;
  order: number;
  /** Counts toward the promise rate (promise or extension). */
  isPromise: boolean;
  isPayment: boolean;
  /** The contact was reached and engaged (anything but a wrong number). */
  isConnected: boolean;
  known: boolean;
}

export const OUTCOMES: readonly OutcomeInfo[] = [
  {
    value: "PAYMENT COMPLETED",
    label: "Payment completed",
    color: "#059669",
    badge: "bg-emerald-100 text-emerald-800 ring-emerald-600/20",
    order: 1,
    isPromise: false,
    isPayment: true,
    isConnected: true,
    known: true,
  },
  {
    value: "PAYMENT PROMISE",
    label: "Payment promise",
    color: "#2563eb",
    badge: "bg-blue-100 text-blue-800 ring-blue-600/20",
    order: 2,
    isPromise: true,
    isPayment: false,
    isConnected: true,
    known: true,
  },
  {
    value: "PAYMENT EXTENSION",
    label: "Payment extension",
    color: "#7c3aed",
    badge: "bg-violet-100 text-violet-800 ring-violet-600/20",
    order: 3,
    isPromise: true,
    isPayment: false,
    isConnected: true,
    known: true,
  },
  {
    value: "CALL BACK REQUESTED",
    label: "Call back requested",
    color: "#d97706",
    badge: "bg-amber-100 text-amber-800 ring-amber-600/20",
    order: 4,
    isPromise: false,
    isPayment: false,
    isConnected: true,
    known: true,
  },
  {
    value: "NOT INTERESTED",
    label: "Not interested",
    color: "#dc2626",
    badge: "bg-rose-100 text-rose-800 ring-rose-600/20",
    order: 5,
    isPromise: false,
    isPayment: false,
    isConnected: true,
    known: true,
  },
  {
    value: "WRONG NUMBER",
    label: "Wrong number",
    color: "#64748b",
    badge: "bg-slate-200 text-slate-800 ring-slate-600/20",
    order: 6,
    isPromise: false,
    isPayment: false,
    isConnected: false,
    known: true,
  },
] as const;

export interface SentimentInfo {
  value: string;
  label: string;
  color: string;
  badge: string;
  order: number;
  known: boolean;
}

export const SENTIMENTS: readonly SentimentInfo[] = [
  { value: "POSITIVE", label: "Positive", color: "#16a34a", badge: "bg-green-100 text-green-800 ring-green-600/20", order: 1, known: true },
  { value: "NEUTRAL", label: "Neutral", color: "#94a3b8", badge: "bg-slate-100 text-slate-700 ring-slate-500/20", order: 2, known: true },
  { value: "NEGATIVE", label: "Negative", color: "#e11d48", badge: "bg-rose-100 text-rose-800 ring-rose-600/20", order: 3, known: true },
] as const;

const NEUTRAL_BADGE = "bg-white text-slate-700 ring-slate-400/40";
const NEUTRAL_COLOR = "#a8a29e";

const outcomeByValue = new Map(OUTCOMES.map((o) => [o.value, o]));
const sentimentByValue = new Map(SENTIMENTS.map((s) => [s.value, s]));

/** Levers' values are upper case with spaces; tolerate `payment_promise`-style variants when looking up. */
function normalise(value: string): string {
  return value.trim().toUpperCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ");
}

export function outcomeInfo(value: string | null | undefined): OutcomeInfo {
  if (!value) {
    return {
      value: "",
      label: "No outcome",
      color: NEUTRAL_COLOR,
      badge: NEUTRAL_BADGE,
      order: 99,
      isPromise: false,
      isPayment: false,
      isConnected: false,
      known: false,
    };
  }
  return (
    outcomeByValue.get(value) ??
    outcomeByValue.get(normalise(value)) ?? {
      value,
      label: value,
      color: NEUTRAL_COLOR,
      badge: NEUTRAL_BADGE,
      order: 50,
      isPromise: false,
      isPayment: false,
      isConnected: true,
      known: false,
    }
  );
}

export function sentimentInfo(value: string | null | undefined): SentimentInfo {
  if (!value) return { value: "", label: "No sentiment", color: NEUTRAL_COLOR, badge: NEUTRAL_BADGE, order: 99, known: false };
  return (
    sentimentByValue.get(value) ??
    sentimentByValue.get(normalise(value)) ?? { value, label: value, color: NEUTRAL_COLOR, badge: NEUTRAL_BADGE, order: 50, known: false }
  );
}

/** Known outcomes first in catalogue order, then unknown ones alphabetically. */
export function compareOutcomes(a: string, b: string): number {
  const ia = outcomeInfo(a);
  const ib = outcomeInfo(b);
  return ia.order - ib.order || a.localeCompare(b);
}

export const PROMISE_OUTCOMES = OUTCOMES.filter((o) => o.isPromise).map((o) => o.value);
export const PAYMENT_OUTCOMES = OUTCOMES.filter((o) => o.isPayment).map((o) => o.value);
export const STATUS_VALUES = ["pass", "fail"] as const;
