import { describe, expect, it } from "vitest";
import { OUTCOMES, SENTIMENTS } from "../calls/catalogue";
import { phoneCallEndedSchema } from "../ingest/payload-schema";
import { type GeneratedCall, generateCalls } from "./generate";
import { COUNTRIES, formatMoney } from "./reference";

const NOW = new Date("2026-11-28T15:00:00.000Z");
const DAY = 86_400_000;
const calls = [...generateCalls({ seed: 42, count: 4000, days: 120, now: NOW })];
const connected = calls.filter((c) => c.payload.deliveryStatus === "pass");
const byOutcome = (outcome: string) => connected.filter((c) => c.payload.callOutput === outcome);

const AGENT = /^(AI|Agent|Assistant|Bot): \S/;
const CONTACT = /^(User|Customer|Contact|Human|Debtor): \S/;
const MONEY = /(\$|£|€|₹|AED |MX\$|CA\$)\d{1,3}(,\d{3})*(\.\d{2})?/;
const DATE =
  /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}\b/;

function share(items: GeneratedCall[], test: (c: GeneratedCall) => boolean): number {
  return items.filter(test).length / items.length;
}

describe("generateCalls", () => {
  it("produces payloads that pass the webhook's own schema", () => {
    const bench = [...generateCalls({ seed: 7, count: 1000, days: 365, now: NOW, transcriptLength: [1000, 5000] })];
    for (const call of [...calls, ...bench]) {
      const result = phoneCallEndedSchema.safeParse(call.payload);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    }
  });

  it("covers every documented outcome and sentiment, plus a rare undocumented outcome", () => {
    const outcomes = new Set(calls.map((c) => c.payload.callOutput));
    for (const o of OUTCOMES) expect(outcomes).toContain(o.value);
    expect(outcomes).toContain("CALL_RESULT");
    expect(share(calls, (c) => c.payload.callOutput === "CALL_RESULT")).toBeLessThan(0.02);
    const sentiments = new Set(calls.map((c) => c.payload.sentimentOutput));
    for (const s of SENTIMENTS) expect(sentiments).toContain(s.value);
    // Promises are the most common outcome of a collections campaign; no outcome dominates.
    const promise = share(connected, (c) => c.payload.callOutput === "PAYMENT PROMISE");
    expect(promise).toBeGreaterThan(0.18);
    expect(promise).toBeLessThan(0.4);
  });

  it("correlates sentiment with the outcome", () => {
    const negative = (outcome: string) => share(byOutcome(outcome), (c) => c.payload.sentimentOutput === "NEGATIVE");
    const positive = (outcome: string) => share(byOutcome(outcome), (c) => c.payload.sentimentOutput === "POSITIVE");
    expect(negative("NOT INTERESTED")).toBeGreaterThan(0.5);
    expect(negative("PAYMENT COMPLETED")).toBeLessThan(0.1);
    expect(positive("PAYMENT COMPLETED")).toBeGreaterThan(positive("CALL BACK REQUESTED"));
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const again = [...generateCalls({ seed: 42, count: 4000, days: 120, now: NOW })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(calls));
    const other = [...generateCalls({ seed: 43, count: 50, days: 120, now: NOW })];
    expect(other.map((c) => c.payload.providerCallId)).not.toEqual(calls.slice(0, 50).map((c) => c.payload.providerCallId));
  });

  it("writes multi-turn, speaker-labelled transcripts for connected calls", () => {
    const problems: string[] = [];
    for (const call of connected) {
      const lines = call.payload.transcription!.split("\n");
      if (lines.length < 4) problems.push(`${call.index}: only ${lines.length} lines`);
      for (const line of lines) if (!AGENT.test(line) && !CONTACT.test(line)) problems.push(`${call.index}: unlabelled ${line}`);
      // Turns alternate: consecutive lines never share a speaker.
      for (let i = 1; i < lines.length; i++) {
        if (AGENT.test(lines[i]!) === AGENT.test(lines[i - 1]!)) problems.push(`${call.index}: same speaker twice at ${i}`);
      }
      if (new Set(lines.map((l) => l.slice(0, l.indexOf(":")))).size !== 2) problems.push(`${call.index}: not two speakers`);
    }
    expect(problems).toEqual([]);
    // Label pairs vary between calls.
    const pairs = new Set(
      connected.map((c) =>
        c.payload
          .transcription!.split("\n")
          .slice(0, 2)
          .map((l) => l.split(":")[0])
          .join("/"),
      ),
    );
    expect(pairs.size).toBeGreaterThanOrEqual(4);
  });

  it("makes transcripts and reasoning say what the outcome says", () => {
    for (const call of byOutcome("PAYMENT PROMISE")) {
      const t = call.payload.transcription!;
      expect(t).toMatch(MONEY);
      const date = DATE.exec(call.payload.callOutputReasoning!)?.[0];
      expect(date, call.payload.callOutputReasoning!).toBeDefined();
      expect(t).toContain(date);
    }
    for (const call of byOutcome("PAYMENT EXTENSION")) {
      const date = DATE.exec(call.payload.callOutputReasoning!)?.[0];
      expect(date).toBeDefined();
      expect(call.payload.transcription).toContain(date);
    }
    for (const call of byOutcome("PAYMENT COMPLETED")) {
      const confirmation = /PMT-[0-9A-Z]{8}/.exec(call.payload.callOutputReasoning!)?.[0];
      expect(confirmation).toBeDefined();
      expect(call.payload.transcription).toContain(confirmation);
    }
    for (const call of byOutcome("CALL BACK REQUESTED")) expect(call.payload.transcription).toMatch(/call (you )?back/i);
    for (const call of byOutcome("NOT INTERESTED")) expect(call.payload.transcription).toMatch(/not interested/i);
    for (const call of byOutcome("WRONG NUMBER")) expect(call.payload.transcription).toMatch(/wrong number/i);
    // The debtor the agent asks for is the one the summary names.
    for (const call of connected.filter((c) => c.payload.summary?.match(/^[A-Z][a-z]+ [A-Z]/))) {
      const name = call.payload.summary!.split(" ").slice(0, 2).join(" ");
      if (call.payload.callOutput !== "WRONG NUMBER") expect(call.payload.transcription).toContain(name.split(" ")[0]);
    }
  });

  it("makes failed deliveries coherent: no conversation, no sentiment, short", () => {
    const failed = calls.filter((c) => c.payload.deliveryStatus === "fail");
    expect(failed.length / calls.length).toBeGreaterThan(0.04);
    expect(failed.length / calls.length).toBeLessThan(0.12);
    expect(failed.some((c) => c.payload.providerStatus === "fail")).toBe(true);
    for (const call of failed) {
      const p = call.payload;
      expect(p.sentimentOutput).toBeNull();
      expect([null, "WRONG NUMBER"]).toContain(p.callOutput);
      expect(p.duration).toBeLessThan(60);
      expect(p.endedReason).toBeTruthy();
      // Empty, missing, or a voicemail the agent left: never the contact speaking.
      expect((p.transcription ?? "").split("\n").filter((l) => CONTACT.test(l))).toEqual([]);
    }
    expect(failed.filter((c) => c.payload.providerStatus === "fail").every((c) => c.payload.duration === 0)).toBe(true);
  });

  it("keeps transcript lengths in the requested range", () => {
    const lengths = (items: GeneratedCall[]) => items.map((c) => Buffer.byteLength(c.payload.transcription!));
    for (const n of lengths(connected)) {
      expect(n).toBeGreaterThanOrEqual(800 * 0.95);
      expect(n).toBeLessThanOrEqual(3000 * 1.01);
    }
    const bench = [...generateCalls({ seed: 9, count: 2000, days: 365, now: NOW, transcriptLength: [1000, 5000] })];
    const benchLengths = lengths(bench.filter((c) => c.payload.deliveryStatus === "pass"));
    for (const n of benchLengths) {
      expect(n).toBeGreaterThanOrEqual(1000 * 0.95);
      expect(n).toBeLessThanOrEqual(5000 * 1.01);
    }
    expect(Math.max(...benchLengths)).toBeGreaterThan(4500);
  });

  it("makes durations plausible for the outcome", () => {
    const median = (items: GeneratedCall[]) => {
      const d = items.map((c) => c.payload.duration).sort((a, b) => a - b);
      return d[Math.floor(d.length / 2)]!;
    };
    expect(median(byOutcome("WRONG NUMBER"))).toBeLessThan(median(byOutcome("PAYMENT PROMISE")));
    expect(median(byOutcome("PAYMENT COMPLETED"))).toBeGreaterThan(median(byOutcome("CALL BACK REQUESTED")));
    for (const call of connected) {
      expect(call.payload.duration).toBeGreaterThan(30);
      expect(call.payload.duration).toBeLessThan(600);
    }
  });

  it("spreads calls over the window in time order, weighted to working hours and weekdays", () => {
    const times = calls.map((c) => c.receivedAt.getTime());
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times[0]).toBeGreaterThanOrEqual(NOW.getTime() - 120 * DAY);
    expect(times.at(-1)).toBeLessThan(NOW.getTime());
    // Local time of the collections team is UTC−5.
    const local = calls.map((c) => new Date(c.receivedAt.getTime() - 5 * 3_600_000));
    const businessHours = local.filter((d) => d.getUTCHours() >= 9 && d.getUTCHours() < 18).length / local.length;
    expect(businessHours).toBeGreaterThan(0.6);
    const weekday = local.filter((d) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5).length / 5;
    const weekend = local.filter((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6).length / 2;
    expect(weekday).toBeGreaterThan(weekend * 2);
    // Every part of the window has calls.
    const months = new Set(calls.map((c) => Math.floor((NOW.getTime() - c.receivedAt.getTime()) / (30 * DAY))));
    expect(months.size).toBe(4);
    for (const c of calls) {
      expect(c.sentAt.getTime()).toBeLessThanOrEqual(c.receivedAt.getTime());
      expect(c.receivedAt.getTime() - c.sentAt.getTime()).toBeLessThan(3000);
    }
  });

  it("uses several Levers numbers, many E.164 debtor numbers from several countries, and repeat debtors", () => {
    const from = new Set(calls.map((c) => c.payload.numberFrom));
    expect(from.size).toBeGreaterThanOrEqual(5);
    const to = calls.map((c) => c.payload.numberTo);
    for (const n of to) expect(n).toMatch(/^\+[1-9]\d{9,13}$/);
    expect(new Set(to).size).toBeGreaterThan(1000);
    expect(new Set(to).size).toBeLessThan(to.length);
    const countryCodes = new Set(to.map((n) => ["+1", "+44", "+971", "+52", "+49", "+34", "+91"].find((p) => n.startsWith(p))));
    expect(countryCodes.size).toBeGreaterThanOrEqual(6);
  });

  it("shapes recording locations, metadata and ids like the real payload", () => {
    const withRecording = calls.filter((c) => c.payload.recordingUrl);
    expect(withRecording.length / calls.length).toBeGreaterThan(0.85);
    for (const c of withRecording) {
      expect(c.payload.recordingUrl).toMatch(/^levers-demo-bucket:livekit-egress\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/recording_\d{10}\.mp3$/);
    }
    const projects = new Set(calls.map((c) => c.payload.metadata.requestMetadata.project_id));
    for (const p of ["proj_auto_loans", "proj_credit_cards", "proj_utilities", "proj_medical", "proj_telecom"])
      expect(projects).toContain(p);
    for (const c of calls) {
      expect(c.payload.metadata.requestMetadata.extra_id).toMatch(/^CRM-\d{7}$/);
      expect(c.payload.providerCallId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(c.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(c.messageId).toMatch(/^msg_[0-9A-Za-z]{27}$/);
    }
    expect(new Set(calls.map((c) => c.payload.providerCallId)).size).toBe(calls.length);
    expect(new Set(calls.map((c) => c.messageId)).size).toBe(calls.length);
    expect(share(calls, (c) => c.payload.summary === null)).toBeGreaterThan(0.05);
    expect(share(connected, (c) => c.payload.endedReason === null)).toBeGreaterThan(0.05);
  });
});

describe("generateCalls options", () => {
  it("rejects options that cannot produce calls", () => {
    expect(() => [...generateCalls({ seed: 1, count: 10, days: 0, now: NOW })]).toThrow(/days/);
    expect(() => [...generateCalls({ seed: 1, count: -1, days: 5, now: NOW })]).toThrow(/count/);
    expect(() => [...generateCalls({ seed: 1, count: 5, days: 5, now: NOW, transcriptLength: [500, 100] })]).toThrow(/transcriptLength/);
  });

  it("can leave out failed deliveries and the undocumented outcome", () => {
    const only = [...generateCalls({ seed: 3, count: 2000, days: 30, now: NOW, failedShare: 0, unknownOutcomeShare: 0 })];
    expect(only.every((c) => c.payload.deliveryStatus === "pass")).toBe(true);
    expect(only.some((c) => c.payload.callOutput === "CALL_RESULT")).toBe(false);
  });
});

describe("formatMoney", () => {
  it("formats local currency with grouping", () => {
    expect(formatMoney(COUNTRIES.US!, 1234.5)).toBe("$1,234.50");
    expect(formatMoney(COUNTRIES.US!, 999.999)).toBe("$1,000.00");
    expect(formatMoney(COUNTRIES.GB!, 100)).toBe("£79.00");
    expect(formatMoney(COUNTRIES.IN!, 1000)).toBe("₹83,000");
  });
});
