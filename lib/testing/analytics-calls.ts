import type pg from "pg";
import { wallClockToUtc } from "@/lib/time/zones";

/**
 * Test data for the analytics tests: calls inserted straight into `calls`
 * (the way ingestion, replays and bulk loads all end up), with controlled
 * timestamps and every kind of value the rollups must keep apart — NULLs,
 * unknown outcomes, band-edge durations.
 */
export interface TestCall {
  providerCallId: string;
  receivedAt: Date;
  numberFrom: string;
  callOutput: string | null;
  sentimentOutput: string | null;
  projectId: string | null;
  deliveryStatus: string | null;
  providerStatus: string | null;
  duration: number;
}

const OUTCOMES = [
  "PAYMENT PROMISE",
  "PAYMENT EXTENSION",
  "PAYMENT COMPLETED",
  "CALL BACK REQUESTED",
  "NOT INTERESTED",
  "WRONG NUMBER",
  "CALL_RESULT",
  null,
];
const SENTIMENTS = ["POSITIVE", "NEUTRAL", "NEGATIVE", null];
const PROJECTS = ["p-alpha", "p-beta", "p-gamma", null];
const NUMBERS = ["+15550000001", "+15550000002", "+15550000003"];
const STATUSES = ["pass", "pass", "pass", "fail", null];
const DURATIONS = [0, 14, 15, 29, 30, 59, 60, 119, 120, 179, 180, 299, 300, 599, 600, 1800];

/** A small deterministic generator (tests must not depend on Math.random). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

let sequence = 0;

export function makeCall(random: () => number, receivedAt: Date, overrides: Partial<TestCall> = {}): TestCall {
  return {
    providerCallId: `test-${++sequence}-${Math.floor(random() * 1e9)}`,
    receivedAt,
    numberFrom: pick(random, NUMBERS),
    callOutput: pick(random, OUTCOMES),
    sentimentOutput: pick(random, SENTIMENTS),
    projectId: pick(random, PROJECTS),
    deliveryStatus: pick(random, STATUSES),
    providerStatus: pick(random, STATUSES),
    duration: pick(random, DURATIONS),
    ...overrides,
  };
}

/**
 * Calls every day from `firstDay` for `days` days: some at random times, and
 * some at 23:30 and 00:30 local time in each of `zones` (the instants that land
 * in different buckets depending on the viewer's zone).
 */
export function makeCalls(options: { seed: number; firstDay: string; days: number; perDay: number; zones: string[] }): TestCall[] {
  const random = rng(options.seed);
  const calls: TestCall[] = [];
  const first = Date.parse(`${options.firstDay}T00:00:00Z`);
  for (let d = 0; d < options.days; d++) {
    const dayStart = first + d * 86_400_000;
    for (let i = 0; i < options.perDay; i++) calls.push(makeCall(random, new Date(dayStart + Math.floor(random() * 86_400_000))));
    for (const zone of options.zones) {
      for (const [h, m] of [
        [23, 30],
        [0, 30],
      ] as const) {
        calls.push(makeCall(random, localInstant(new Date(dayStart).toISOString().slice(0, 10), h, m, zone)));
      }
    }
  }
  return calls;
}

/** The instant at which the wall clock in `zone` shows `day` `h:m` (no DST gap at these hours in the zones we test). */
export function localInstant(day: string, h: number, m: number, zone: string): Date {
  return new Date(wallClockToUtc(zone, Date.parse(`${day}T00:00:00Z`) + (h * 60 + m) * 60_000, "gap-end"));
}

export async function insertCalls(pool: pg.Pool | pg.PoolClient, calls: TestCall[]): Promise<void> {
  for (let i = 0; i < calls.length; i += 500) {
    const batch = calls.slice(i, i + 500);
    const values: unknown[] = [];
    const rows = batch.map((c) => {
      const base = values.length;
      values.push(
        c.providerCallId,
        c.numberFrom,
        c.callOutput,
        c.sentimentOutput,
        JSON.stringify(c.projectId === null ? {} : { project_id: c.projectId }),
        c.deliveryStatus,
        c.providerStatus,
        c.duration,
        c.receivedAt,
      );
      return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(", ")}, '+15551230000')`;
    });
    await pool.query(
      `INSERT INTO calls (provider_call_id, number_from, call_output, sentiment_output, request_metadata, delivery_status, provider_status, duration, received_at, number_to)
       SELECT v.column1, v.column2, v.column3, v.column4, v.column5::jsonb, v.column6, v.column7, v.column8::int, v.column9::timestamptz, v.column10
         FROM (VALUES ${rows.join(", ")}) v`,
      values,
    );
  }
}
