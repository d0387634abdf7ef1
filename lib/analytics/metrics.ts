import { OUTCOMES, PAYMENT_OUTCOMES, PROMISE_OUTCOMES, SENTIMENTS } from "@/lib/calls/catalogue";

/**
 * What each KPI counts, in catalogue terms, and the duration bands of the
 * duration chart. Shared by the SQL (lib/analytics/queries.ts), the charts and
 * the drill-down links so a number and the calls behind it never disagree.
 * Plain data: safe to import from client components.
 */

function catalogueValue(list: readonly { value: string }[], value: string): string {
  if (!list.some((item) => item.value === value)) throw new Error(`${value} is not in lib/calls/catalogue.ts`);
  return value;
}

export const PROMISE_VALUES: readonly string[] = PROMISE_OUTCOMES;
export const PAYMENT_VALUES: readonly string[] = PAYMENT_OUTCOMES;
export const CALLBACK_VALUE = catalogueValue(OUTCOMES, "CALL BACK REQUESTED");
export const WRONG_NUMBER_VALUE = catalogueValue(OUTCOMES, "WRONG NUMBER");
export const NEGATIVE_VALUE = catalogueValue(SENTIMENTS, "NEGATIVE");
/** `deliveryStatus` / `providerStatus` value that means delivered / connected. */
export const PASS = "pass";

/**
 * Duration bands, seconds, [min, max). Each is a column of the rollup, so
 * changing them means a migration (the SQL names them in the same order).
 */
export const DURATION_BANDS = [
  { key: "dur_under_15s", label: "< 15 s", min: 0, max: 15 },
  { key: "dur_15_30s", label: "15–30 s", min: 15, max: 30 },
  { key: "dur_30_60s", label: "30–60 s", min: 30, max: 60 },
  { key: "dur_1_2m", label: "1–2 min", min: 60, max: 120 },
  { key: "dur_2_3m", label: "2–3 min", min: 120, max: 180 },
  { key: "dur_3_5m", label: "3–5 min", min: 180, max: 300 },
  { key: "dur_5_10m", label: "5–10 min", min: 300, max: 600 },
  { key: "dur_10m_plus", label: "10 min +", min: 600, max: null },
] as const;

export type DurationBandKey = (typeof DURATION_BANDS)[number]["key"];

export interface KpiCounts {
  calls: number;
  delivered: number;
  connected: number;
  promises: number;
  payments: number;
  callbacks: number;
  wrongNumbers: number;
  /** Seconds summed over connected calls. */
  connectedDuration: number;
  negative: number;
  /** Calls with any sentiment: the base of the negative share. */
  rated: number;
}

export const EMPTY_KPI_COUNTS: KpiCounts = {
  calls: 0,
  delivered: 0,
  connected: 0,
  promises: 0,
  payments: 0,
  callbacks: 0,
  wrongNumbers: 0,
  connectedDuration: 0,
  negative: 0,
  rated: 0,
};

export type KpiKey =
  | "calls"
  | "deliveryRate"
  | "connectRate"
  | "promiseRate"
  | "paymentRate"
  | "callbackRate"
  | "wrongNumberRate"
  | "avgConnectedDuration"
  | "negativeShare";

export interface KpiDefinition {
  key: KpiKey;
  label: string;
  /** What the number is out of, said on the card. */
  basis: string;
  format: "count" | "percent" | "duration";
  /** Whether a rise is good news (colours the change). */
  higherIsBetter: boolean | null;
  value: (c: KpiCounts) => number | null;
  numerator: (c: KpiCounts) => number;
  /** What the rate is out of (null for counts and averages). */
  denominator: ((c: KpiCounts) => number) | null;
  /** Noun for the numerator in the card's detail line ("1,718 delivered"). */
  noun: string;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export const KPI_DEFINITIONS: readonly KpiDefinition[] = [
  {
    key: "calls",
    label: "Calls",
    basis: "in the period",
    noun: "calls",
    format: "count",
    higherIsBetter: null,
    value: (c) => c.calls,
    numerator: (c) => c.calls,
    denominator: null,
  },
  {
    key: "deliveryRate",
    label: "Delivery rate",
    basis: "of calls delivered",
    noun: "delivered",
    format: "percent",
    higherIsBetter: true,
    value: (c) => ratio(c.delivered, c.calls),
    numerator: (c) => c.delivered,
    denominator: (c) => c.calls,
  },
  {
    key: "connectRate",
    label: "Connect rate",
    basis: "of calls connected",
    noun: "connected",
    format: "percent",
    higherIsBetter: true,
    value: (c) => ratio(c.connected, c.calls),
    numerator: (c) => c.connected,
    denominator: (c) => c.calls,
  },
  {
    key: "promiseRate",
    label: "Promise rate",
    basis: "of calls: promise or extension",
    noun: "promised",
    format: "percent",
    higherIsBetter: true,
    value: (c) => ratio(c.promises, c.calls),
    numerator: (c) => c.promises,
    denominator: (c) => c.calls,
  },
  {
    key: "paymentRate",
    label: "Payment completed",
    basis: "of calls",
    noun: "paid",
    format: "percent",
    higherIsBetter: true,
    value: (c) => ratio(c.payments, c.calls),
    numerator: (c) => c.payments,
    denominator: (c) => c.calls,
  },
  {
    key: "callbackRate",
    label: "Callback requested",
    basis: "of calls",
    noun: "callbacks",
    format: "percent",
    higherIsBetter: null,
    value: (c) => ratio(c.callbacks, c.calls),
    numerator: (c) => c.callbacks,
    denominator: (c) => c.calls,
  },
  {
    key: "wrongNumberRate",
    label: "Wrong number",
    basis: "of calls",
    noun: "wrong",
    format: "percent",
    higherIsBetter: false,
    value: (c) => ratio(c.wrongNumbers, c.calls),
    numerator: (c) => c.wrongNumbers,
    denominator: (c) => c.calls,
  },
  {
    key: "avgConnectedDuration",
    label: "Avg connected duration",
    basis: "per connected call",
    noun: "connected",
    format: "duration",
    higherIsBetter: null,
    value: (c) => ratio(c.connectedDuration, c.connected),
    numerator: (c) => c.connected,
    denominator: null,
  },
  {
    key: "negativeShare",
    label: "Negative sentiment",
    basis: "of calls with a sentiment",
    noun: "negative",
    format: "percent",
    higherIsBetter: false,
    value: (c) => ratio(c.negative, c.rated),
    numerator: (c) => c.negative,
    denominator: (c) => c.rated,
  },
];
