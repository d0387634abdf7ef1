import type { PhoneCallEndedPayload } from "../ingest/payload-schema";
import {
  AGENT_NAMES,
  CALLBACK_TIMES,
  EXCUSES,
  type ExchangeSource,
  GENERIC_EXCHANGES,
  type Mood,
  OPENING_REPLIES,
  OPENINGS,
  OUTCOME_KIND,
  OUTCOME_REASONING,
  OUTCOME_SCRIPTS,
  PAYMENT_METHODS,
  PURPOSE_REPLIES,
  PURPOSES,
  SENTIMENT_REASONING,
  SPEAKER_LABELS,
  STRANGERS,
  SUMMARIES,
  VERIFICATIONS,
  VOICEMAIL,
  WRONG_NUMBER_REPLIES,
} from "./phrases";
import { COUNTRIES, type Country, formatDay, formatMoney, LEVERS_NUMBERS, PROJECTS, type Project, weekdayName } from "./reference";
import {
  base62,
  chance,
  intBelow,
  intBetween,
  mixSeed,
  mulberry32,
  pick,
  type Rng,
  seedFromString,
  uuid4,
  uuid7,
  WeightedTable,
} from "./rng";
import { type Compiled, compile, fill, SLOTS, type SlotValues, slot } from "./template";

/**
 * Realistic Levers `phone_call.ended` payloads for demo data and the
 * benchmark: deterministic for a seed, and cheap per call (all phrases are
 * compiled once; a call is a few dozen PRNG draws and string concatenations),
 * so a million calls with multi-kilobyte transcripts take seconds to produce.
 */

export const DEMO_BUCKET = "levers-demo-bucket";

/**
 * The payload exactly as Levers sends it (every documented field present). A
 * type alias, not an interface, so it is assignable to the schema's open
 * (passthrough) input type.
 */
export type DemoPayload = {
  providerCallId: string;
  numberFrom: string;
  numberTo: string;
  providerStatus: "pass" | "fail";
  deliveryStatus: "pass" | "fail";
  duration: number;
  summary: string | null;
  endedReason: string | null;
  callOutput: string | null;
  callOutputReasoning: string | null;
  sentimentOutput: string | null;
  sentimentOutputReasoning: string | null;
  transcription: string | null;
  recordingUrl: string | null;
  metadata: { requestMetadata: Record<string, string | number> };
};

// Compile-time proof that a demo payload is a valid schema input.
const _payloadIsSchemaInput = (p: DemoPayload): PhoneCallEndedPayload => p;
void _payloadIsSchemaInput;

export interface GeneratedCall {
  /** 0-based position in the generated sequence (ascending receivedAt). */
  index: number;
  /** The `calls.id` to use, so deliveries can reference the call without a lookup. */
  id: string;
  /** The Svix message id of the delivery that brought the call (`msg_…`). */
  messageId: string;
  payload: DemoPayload;
  /** The `svix-timestamp` of the delivery (whole seconds). */
  sentAt: Date;
  receivedAt: Date;
}

export interface GenerateOptions {
  /** A seed, or a generator to draw from (consumed in order). */
  seed: number | Rng;
  count: number;
  /** Calls are spread over [now − days, now). */
  days: number;
  now: Date;
  /** Transcript length range of connected calls, in characters (≈ bytes). Default 800–3000. */
  transcriptLength?: readonly [number, number];
  /** Share of calls that never reached anyone (no answer, busy, voicemail, …). Default 0.08. */
  failedShare?: number;
  /** Share of connected calls with the undocumented `CALL_RESULT` outcome. Default 0.006. */
  unknownOutcomeShare?: number;
  bucket?: string;
}

export const OUTCOME_MIX: ReadonlyArray<readonly [string, number]> = [
  ["PAYMENT PROMISE", 26],
  ["CALL BACK REQUESTED", 22],
  ["NOT INTERESTED", 15],
  ["PAYMENT EXTENSION", 13],
  ["WRONG NUMBER", 12.4],
  ["PAYMENT COMPLETED", 11],
];

const SENTIMENT_MIX: Record<string, ReadonlyArray<readonly [Mood, number]>> = {
  "PAYMENT COMPLETED": [
    ["POSITIVE", 70],
    ["NEUTRAL", 27],
    ["NEGATIVE", 3],
  ],
  "PAYMENT PROMISE": [
    ["POSITIVE", 55],
    ["NEUTRAL", 38],
    ["NEGATIVE", 7],
  ],
  "PAYMENT EXTENSION": [
    ["POSITIVE", 30],
    ["NEUTRAL", 50],
    ["NEGATIVE", 20],
  ],
  "CALL BACK REQUESTED": [
    ["POSITIVE", 15],
    ["NEUTRAL", 60],
    ["NEGATIVE", 25],
  ],
  "NOT INTERESTED": [
    ["POSITIVE", 3],
    ["NEUTRAL", 30],
    ["NEGATIVE", 67],
  ],
  "WRONG NUMBER": [
    ["POSITIVE", 8],
    ["NEUTRAL", 72],
    ["NEGATIVE", 20],
  ],
  CALL_RESULT: [
    ["POSITIVE", 10],
    ["NEUTRAL", 70],
    ["NEGATIVE", 20],
  ],
};

/** Where in the transcript-length range each outcome's calls fall (short wrong numbers, long payments). */
const LENGTH_BAND: Record<string, readonly [number, number]> = {
  "PAYMENT PROMISE": [0.25, 1],
  "PAYMENT EXTENSION": [0.3, 1],
  "PAYMENT COMPLETED": [0.35, 1],
  "CALL BACK REQUESTED": [0, 0.45],
  "NOT INTERESTED": [0, 0.55],
  "WRONG NUMBER": [0, 0.3],
  CALL_RESULT: [0.1, 0.6],
};

type Failure = "no-answer" | "voicemail" | "busy" | "number-not-in-service" | "provider-error";

const FAILURE_MIX = new WeightedTable<Failure>([
  ["no-answer", 44],
  ["voicemail", 25],
  ["busy", 12],
  ["number-not-in-service", 10],
  ["provider-error", 9],
]);

const PROVIDER_ERRORS = ["sip-trunk-error", "carrier-rejected", "invalid-destination"];

const ENDED_REASONS = new WeightedTable<string | null>([
  ["customer-ended-call", 44],
  ["assistant-ended-call", 38],
  [null, 12],
  ["silence-timed-out", 5],
  ["max-duration-reached", 1],
]);

// ---- compiled phrase pools -------------------------------------------------

interface Line {
  side: 0 | 1;
  parts: Compiled;
}
type Exchange = readonly Line[];

function compileExchange(source: ExchangeSource): Exchange {
  return source.lines.map((line) => {
    const side = line.startsWith("A: ") ? 0 : line.startsWith("U: ") ? 1 : -1;
    if (side < 0) throw new Error(`Exchange line must start with "A: " or "U: ": ${line}`);
    return { side: side as 0 | 1, parts: compile(line.slice(3)) };
  });
}

const MOODS: readonly Mood[] = ["POSITIVE", "NEUTRAL", "NEGATIVE"];
const fits = (source: ExchangeSource, mood: Mood) => !source.moods || source.moods.includes(mood);
const forMood = (sources: readonly ExchangeSource[], mood: Mood) => sources.filter((s) => fits(s, mood)).map(compileExchange);

interface OutcomePools {
  specific: readonly Exchange[];
  generic: readonly Exchange[];
  resolutions: readonly Exchange[];
  closings: readonly Exchange[];
  summaries: readonly Compiled[];
  reasoning: readonly Compiled[];
  sentimentReasoning: readonly Compiled[];
}

const POOLS = new Map<string, OutcomePools>();
for (const [outcome, script] of Object.entries(OUTCOME_SCRIPTS)) {
  for (const mood of MOODS) {
    const pools: OutcomePools = {
      specific: forMood(script.exchanges, mood),
      generic: script.generic ? forMood(GENERIC_EXCHANGES, mood) : [],
      resolutions: forMood(script.resolutions, mood),
      closings: forMood(script.closings, mood),
      summaries: (SUMMARIES[outcome] ?? []).map(compile),
      reasoning: (OUTCOME_REASONING[outcome] ?? []).map(compile),
      sentimentReasoning: SENTIMENT_REASONING[OUTCOME_KIND[outcome] ?? "other"][mood].map(compile),
    };
    if (!pools.resolutions.length || !pools.closings.length || !pools.summaries.length || !pools.reasoning.length) {
      throw new Error(`Demo phrases for ${outcome}/${mood} are incomplete`);
    }
    POOLS.set(`${outcome}|${mood}`, pools);
  }
}

const OPENING_LINES = OPENINGS.map(compile);
const OPENING_REPLY_LINES = Object.fromEntries(MOODS.map((m) => [m, OPENING_REPLIES[m].map(compile)])) as Record<Mood, Compiled[]>;
const WRONG_REPLY_LINES = WRONG_NUMBER_REPLIES.map(compile);
const VERIFY_POOLS = Object.fromEntries(MOODS.map((m) => [m, forMood(VERIFICATIONS, m)])) as Record<Mood, Exchange[]>;
const PURPOSE_LINES = PURPOSES.map(compile);
const PURPOSE_REPLY_LINES = Object.fromEntries(MOODS.map((m) => [m, PURPOSE_REPLIES[m].map(compile)])) as Record<Mood, Compiled[]>;
const VOICEMAIL_LINE = compile(VOICEMAIL.slice(3));
const NOT_IN_SERVICE_REASONING = compile(
  "The carrier played a 'number not in service' message; the call never reached a person, so the number for {full} is flagged as wrong.",
);
const VOICEMAIL_SUMMARY = compile("Voicemail reached; a call-back message was left for {first}.");
const LABELS = new WeightedTable(SPEAKER_LABELS);

const S = {
  agent: slot("agent"),
  creditor: slot("creditor"),
  product: slot("product"),
  first: slot("first"),
  last: slot("last"),
  full: slot("full"),
  balance: slot("balance"),
  pastDue: slot("pastDue"),
  amount: slot("amount"),
  date: slot("date"),
  extDate: slot("extDate"),
  days: slot("days"),
  last4: slot("last4"),
  conf: slot("conf"),
  method: slot("method"),
  excuse: slot("excuse"),
  callback: slot("callback"),
  stranger: slot("stranger"),
  weekday: slot("weekday"),
};

// ---- debtors ----------------------------------------------------------------

/** A person with a debt. Derived from (seed, index), so repeat calls to one debtor agree without a table in memory. */
interface Debtor {
  project: Project;
  country: Country;
  first: string;
  last: string;
  phone: string;
  creditor: string;
  balanceUsd: number;
  pastDueUsd: number;
  daysPastDue: number;
  last4: string;
  extraId: string;
  leversNumber: string;
  hasProject: boolean;
}

const PROJECT_TABLE = new WeightedTable(PROJECTS.map((p) => [p, p.weight] as const));
const COUNTRY_TABLES = new Map(PROJECTS.map((p) => [p.id, new WeightedTable(p.countries.map(([c, w]) => [COUNTRIES[c]!, w] as const))]));

function debtorFor(seed: number, index: number): Debtor {
  const r = mulberry32(mixSeed(seed, index));
  const project = PROJECT_TABLE.pick(r);
  const country = COUNTRY_TABLES.get(project.id)!.pick(r);
  const [lo, hi] = project.balanceUsd;
  // Balances are skewed: many small, few large.
  const balanceUsd = Math.round((lo + (hi - lo) * r() * r()) * 100) / 100;
  const [s0, s1] = project.pastDueShare;
  const pastDueUsd = Math.max(25, Math.round(balanceUsd * (s0 + (s1 - s0) * r()) * 100) / 100);
  const local = LEVERS_NUMBERS[country.code] ?? LEVERS_NUMBERS.default!;
  return {
    project,
    country,
    first: pick(r, country.firstNames),
    last: pick(r, country.lastNames),
    phone: country.phone(r),
    creditor: pick(r, project.creditors),
    balanceUsd,
    pastDueUsd: Math.min(pastDueUsd, balanceUsd),
    daysPastDue: intBetween(r, 12, 150),
    last4: String(intBetween(r, 1000, 9999)),
    extraId: `CRM-${String(intBelow(r, 10_000_000)).padStart(7, "0")}`,
    leversNumber: pick(r, local),
    hasProject: r() >= 0.004,
  };
}

// ---- arrival times ------------------------------------------------------------

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Calls follow a collections team's working day: UTC−5, busiest 9:00–17:00 on weekdays. */
const LOCAL_OFFSET_HOURS = -5;
const HOUR_WEIGHTS = [
  0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.6, 1, 1, 0.95, 0.8, 0.9, 1, 1, 0.95, 0.85, 0.6, 0.4, 0.2, 0.08, 0.04, 0.03,
];
const WEEKDAY_WEIGHTS = [0.12, 1.05, 1, 1, 0.98, 0.9, 0.35]; // Sunday first

/**
 * `count` arrival times in ascending order, drawn from the weighted working-week
 * density without sorting: successive order statistics of uniforms, mapped
 * through the (piecewise-linear) inverse distribution. Ascending order is what
 * a real table sees, which matters for the benchmark's physical layout.
 */
class ArrivalTimes {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly cumulative: Float64Array;
  private slotIndex = 0;
  private u = 0;
  private remaining: number;

  constructor(
    private readonly rng: Rng,
    count: number,
    startMs: number,
    endMs: number,
  ) {
    this.remaining = count;
    const starts: number[] = [];
    const ends: number[] = [];
    const weights: number[] = [];
    let t = startMs;
    const span = Math.max(1, endMs - startMs);
    while (t < endMs) {
      const next = Math.min(endMs, (Math.floor(t / HOUR) + 1) * HOUR);
      const local = new Date((t + next) / 2 + LOCAL_OFFSET_HOURS * HOUR);
      // Volume grows gently over the window, as a growing operation's would.
      const trend = 0.7 + 0.3 * ((t - startMs) / span);
      weights.push(HOUR_WEIGHTS[local.getUTCHours()]! * WEEKDAY_WEIGHTS[local.getUTCDay()]! * trend * ((next - t) / HOUR));
      starts.push(t);
      ends.push(next);
      t = next;
    }
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.cumulative = new Float64Array(weights.length);
    const total = weights.reduce((a, b) => a + b, 0);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w / total;
      this.cumulative[i] = sum;
    });
    this.cumulative[weights.length - 1] = 1;
  }

  next(): number {
    const k = this.remaining--;
    if (k <= 0) throw new Error("ArrivalTimes exhausted");
    this.u += (1 - this.u) * (1 - this.rng() ** (1 / k));
    const c = this.cumulative;
    while (this.slotIndex < c.length - 1 && c[this.slotIndex]! < this.u) this.slotIndex++;
    const i = this.slotIndex;
    const below = i === 0 ? 0 : c[i - 1]!;
    const width = c[i]! - below;
    const frac = width > 0 ? Math.min(1, Math.max(0, (this.u - below) / width)) : 0;
    return Math.min(this.ends[i]! - 1, Math.floor(this.starts[i]! + frac * (this.ends[i]! - this.starts[i]!)));
  }
}

// ---- the generator ------------------------------------------------------------

const PROJECT_WORKSPACES = new Map(PROJECTS.map((p) => [p.id, uuid4(mulberry32(seedFromString(`workspace:${p.id}`)))]));

/** `levers-demo-bucket:livekit-egress/<workspace>/<call>/recording_<unix>.mp3`, the real payload's shape. */
export function recordingLocation(bucket: string, workspace: string, callUuid: string, startUnix: number): string {
  return `${bucket}:livekit-egress/${workspace}/${callUuid}/recording_${startUnix}.mp3`;
}

/**
 * Builds one transcript at a time into reused buffers: an exchange is written
 * and taken back again when it overshoots the length budget, which is cheaper
 * than rendering it twice. Consecutive turns of one speaker become one line,
 * as in real transcripts.
 */
class TranscriptBuilder {
  private lines: string[] = [];
  private lastSide = -1;
  private labels: readonly [string, string] = ["AI", "User"];
  length = 0;
  private saved = { count: 0, last: "", length: 0, side: -1 };
  private tailSides: (0 | 1)[] = [];
  private tailTexts: string[] = [];

  reset(labels: readonly [string, string]): void {
    this.lines.length = 0;
    this.lastSide = -1;
    this.length = 0;
    this.labels = labels;
    this.tailSides.length = 0;
    this.tailTexts.length = 0;
  }

  say(side: 0 | 1, text: string): void {
    if (side === this.lastSide) {
      this.lines[this.lines.length - 1] += ` ${text}`;
      this.length += text.length + 1;
    } else {
      const line = `${this.labels[side]}: ${text}`;
      this.lines.push(line);
      this.length += line.length + 1;
      this.lastSide = side;
    }
  }

  exchange(exchange: Exchange, v: SlotValues): void {
    for (let i = 0; i < exchange.length; i++) this.say(exchange[i]!.side, fill(exchange[i]!.parts, v));
  }

  mark(): void {
    const s = this.saved;
    s.count = this.lines.length;
    s.last = this.lines[this.lines.length - 1] ?? "";
    s.length = this.length;
    s.side = this.lastSide;
  }

  rollback(): void {
    const s = this.saved;
    this.lines.length = s.count;
    if (s.count > 0) this.lines[s.count - 1] = s.last;
    this.length = s.length;
    this.lastSide = s.side;
  }

  /** Renders the closing exchanges now (to know their length) and keeps them for the end. */
  tail(exchange: Exchange, v: SlotValues): number {
    let length = 0;
    for (let i = 0; i < exchange.length; i++) {
      const line = exchange[i]!;
      const text = fill(line.parts, v);
      this.tailSides.push(line.side);
      this.tailTexts.push(text);
      length += this.labels[line.side].length + text.length + 3;
    }
    return length;
  }

  finish(): string {
    for (let i = 0; i < this.tailTexts.length; i++) this.say(this.tailSides[i]!, this.tailTexts[i]!);
    return this.lines.join("\n");
  }
}

function shuffleRange(rng: Rng, order: Int32Array, from: number, to: number): void {
  for (let i = from; i < to - 1; i++) {
    const j = i + Math.floor(rng() * (to - i));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

export function* generateCalls(options: GenerateOptions): Generator<GeneratedCall> {
  const rng = typeof options.seed === "function" ? options.seed : mulberry32(options.seed);
  const baseSeed = typeof options.seed === "function" ? (rng() * 4294967296) >>> 0 : options.seed >>> 0;
  const [minLength, maxLength] = options.transcriptLength ?? [800, 3000];
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error(`count must be a whole number ≥ 0, got ${options.count}`);
  if (!(options.days > 0)) throw new Error(`days must be > 0, got ${options.days}`);
  if (!(minLength > 0 && minLength <= maxLength)) throw new Error(`transcriptLength must be [min, max] with 0 < min ≤ max`);
  const failedShare = options.failedShare ?? 0.08;
  const unknownShare = options.unknownOutcomeShare ?? 0.006;
  const bucket = options.bucket ?? DEMO_BUCKET;
  const nowMs = options.now.getTime();
  const times = new ArrivalTimes(rng, options.count, nowMs - options.days * DAY, nowMs);
  const debtorPool = Math.max(40, Math.round(options.count * 0.45));

  const outcomeTables = new Map(
    PROJECTS.map((p) => [
      p.id,
      new WeightedTable<string>([
        ...OUTCOME_MIX.map(([o, w]) => [o, w * (p.outcomeBias[o] ?? 1)] as const),
        ["CALL_RESULT", unknownShare * 100] as const,
      ]),
    ]),
  );
  const moodTables = new Map(Object.entries(SENTIMENT_MIX).map(([o, mix]) => [o, new WeightedTable(mix)]));
  const v: SlotValues = SLOTS.map(() => "");
  const builder = new TranscriptBuilder();
  let order = new Int32Array(64);

  for (let index = 0; index < options.count; index++) {
    const receivedMs = times.next();
    const debtor = debtorFor(baseSeed, intBelow(rng, debtorPool));
    const labels = LABELS.pick(rng);

    v[S.agent] = pick(rng, AGENT_NAMES);
    v[S.creditor] = debtor.creditor;
    v[S.product] = debtor.project.product;
    v[S.first] = debtor.first;
    v[S.last] = debtor.last;
    v[S.full] = `${debtor.first} ${debtor.last}`;
    v[S.balance] = formatMoney(debtor.country, debtor.balanceUsd);
    v[S.pastDue] = formatMoney(debtor.country, debtor.pastDueUsd);
    v[S.days] = String(debtor.daysPastDue);
    v[S.last4] = debtor.last4;
    v[S.method] = pick(rng, PAYMENT_METHODS);
    v[S.excuse] = pick(rng, EXCUSES);
    v[S.callback] = pick(rng, CALLBACK_TIMES);
    const stranger = intBelow(rng, STRANGERS.length);
    // Whoever answers a wrong number is never named like the debtor.
    v[S.stranger] = STRANGERS[STRANGERS[stranger] === debtor.first ? (stranger + 1) % STRANGERS.length : stranger]!;
    v[S.weekday] = weekdayName(receivedMs);
    v[S.date] = formatDay(receivedMs + intBetween(rng, 1, 14) * DAY);
    v[S.extDate] = formatDay(receivedMs + intBetween(rng, 14, 45) * DAY);
    v[S.conf] = `PMT-${base62(rng, 8).toUpperCase()}`;

    let providerStatus: "pass" | "fail" = "pass";
    let deliveryStatus: "pass" | "fail" = "pass";
    let duration: number;
    let summary: string | null = null;
    let endedReason: string | null;
    let callOutput: string | null = null;
    let callOutputReasoning: string | null = null;
    let sentimentOutput: string | null = null;
    let sentimentOutputReasoning: string | null = null;
    let transcription: string | null;
    let hasRecording: boolean;

    if (rng() < failedShare) {
      // Nobody was reached: no conversation, hence no sentiment and (mostly) no outcome.
      const failure = FAILURE_MIX.pick(rng);
      deliveryStatus = "fail";
      endedReason = failure;
      transcription = chance(rng, 0.75) ? "" : null;
      hasRecording = false;
      switch (failure) {
        case "no-answer":
          duration = intBetween(rng, 20, 45);
          break;
        case "busy":
          duration = intBetween(rng, 0, 3);
          break;
        case "voicemail":
          duration = intBetween(rng, 14, 32);
          transcription = `${labels[0]}: ${fill(VOICEMAIL_LINE, v)}`;
          summary = fill(VOICEMAIL_SUMMARY, v);
          hasRecording = true;
          break;
        case "number-not-in-service":
          duration = intBetween(rng, 2, 9);
          callOutput = "WRONG NUMBER";
          callOutputReasoning = fill(NOT_IN_SERVICE_REASONING, v);
          break;
        case "provider-error":
          providerStatus = "fail";
          duration = 0;
          endedReason = pick(rng, PROVIDER_ERRORS);
          break;
      }
    } else {
      const outcome = outcomeTables.get(debtor.project.id)!.pick(rng);
      const mood = moodTables.get(outcome)!.pick(rng);
      const pools = POOLS.get(`${outcome}|${mood}`)!;
      const pastDue = debtor.pastDueUsd;
      // Promises and extensions are often partial; completed payments clear what is past due.
      const amountUsd =
        outcome === "PAYMENT COMPLETED" || chance(rng, 0.5) ? pastDue : Math.max(20, Math.round(pastDue * (0.4 + 0.5 * rng())));
      v[S.amount] = formatMoney(debtor.country, amountUsd);

      const band = LENGTH_BAND[outcome]!;
      const target = minLength + (maxLength - minLength) * (band[0] + (band[1] - band[0]) * rng());

      const t = builder;
      t.reset(labels);
      t.say(0, fill(pick(rng, OPENING_LINES), v));
      if (outcome === "WRONG NUMBER") {
        t.say(1, fill(pick(rng, WRONG_REPLY_LINES), v));
      } else {
        // A friendly refusal still does not open with "I want to get it sorted out".
        const greeting = outcome === "NOT INTERESTED" && mood === "POSITIVE" ? "NEUTRAL" : mood;
        t.say(1, fill(pick(rng, OPENING_REPLY_LINES[greeting]), v));
        t.exchange(pick(rng, VERIFY_POOLS[mood]), v);
        t.say(0, fill(pick(rng, PURPOSE_LINES), v));
        t.say(1, fill(pick(rng, PURPOSE_REPLY_LINES[greeting]), v));
      }
      const tail = t.tail(pick(rng, pools.resolutions), v) + t.tail(pick(rng, pools.closings), v);
      // Stop at the target; never pass the range's upper end (or the target by much).
      const cap = Math.min(maxLength, target + 200);

      // Middle: one or two outcome-specific exchanges lead, then the rest of
      // them and the generic ones mixed, without repeats, while they fit.
      const nSpecific = pools.specific.length;
      const n = nSpecific + pools.generic.length;
      if (order.length < n) order = new Int32Array(n * 2);
      for (let i = 0; i < n; i++) order[i] = i;
      shuffleRange(rng, order, 0, nSpecific);
      shuffleRange(rng, order, Math.min(nSpecific, 1 + intBelow(rng, 2)), n);
      for (let i = 0; i < n && t.length + tail < target; i++) {
        const k = order[i]!;
        t.mark();
        t.exchange(k < nSpecific ? pools.specific[k]! : pools.generic[k - nSpecific]!, v);
        if (t.length + tail > cap) t.rollback();
      }
      transcription = t.finish();

      // About 14.5 spoken characters a second, plus pauses, ringing and (for card payments) processing time.
      const speaking = transcription.length / 14.5;
      duration = Math.round(speaking * (1.1 + 0.25 * rng()) + 4 + 6 * rng() + (outcome === "PAYMENT COMPLETED" ? 15 + 30 * rng() : 0));
      endedReason = mood === "NEGATIVE" && chance(rng, 0.5) ? "customer-ended-call" : ENDED_REASONS.pick(rng);
      callOutput = outcome;
      sentimentOutput = mood;
      summary = chance(rng, 0.12) ? null : fill(pick(rng, pools.summaries), v);
      callOutputReasoning = fill(pick(rng, pools.reasoning), v);
      sentimentOutputReasoning = fill(pick(rng, pools.sentimentReasoning), v);
      hasRecording = rng() >= 0.015;
    }

    const startMs = receivedMs - duration * 1000 - intBetween(rng, 1500, 6000);
    const callUuid = uuid4(rng);
    const requestMetadata: Record<string, string | number> = debtor.hasProject
      ? { project_id: debtor.project.id, extra_id: debtor.extraId }
      : { extra_id: debtor.extraId };
    if (rng() < 0.7) requestMetadata.campaign = pick(rng, debtor.project.campaigns);
    if (rng() < 0.6) requestMetadata.attempt = intBetween(rng, 1, 6);

    const payload: DemoPayload = {
      providerCallId: uuid7(rng, startMs),
      numberFrom: debtor.leversNumber,
      numberTo: debtor.phone,
      providerStatus,
      deliveryStatus,
      duration,
      summary,
      endedReason,
      callOutput,
      callOutputReasoning,
      sentimentOutput,
      sentimentOutputReasoning,
      transcription,
      recordingUrl: hasRecording
        ? recordingLocation(bucket, PROJECT_WORKSPACES.get(debtor.project.id)!, callUuid, Math.floor(startMs / 1000))
        : null,
      metadata: { requestMetadata },
    };
    const sentMs = Math.floor((receivedMs - intBetween(rng, 40, 1500)) / 1000) * 1000;
    yield {
      index,
      id: uuid4(rng),
      messageId: `msg_${base62(rng, 27)}`,
      payload,
      sentAt: new Date(sentMs),
      receivedAt: new Date(receivedMs),
    };
  }
}
