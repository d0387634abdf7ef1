import { type ComplianceSettings, DEFAULT_SETTINGS } from "./settings";
import type { AccountInput, ComplianceCall } from "./types";

/** Builders so each test states only the facts its rule cares about. */

export const CHICAGO_NUMBER = "+18504321234";

export function call(callId: string, placedAt: string | null, over: Partial<ComplianceCall> = {}): ComplianceCall {
  return {
    callId,
    number: CHICAGO_NUMBER,
    direction: "outbound",
    placedAt: placedAt === null ? null : new Date(placedAt),
    connected: true,
    conversation: false,
    rightParty: null,
    voicemail: false,
    debtKeys: ["proj_credit_cards"],
    transcript: null,
    ...over,
  };
}

export function account(calls: ComplianceCall[], over: Partial<AccountInput> = {}): AccountInput {
  return {
    accountId: "acc_1",
    debtKeys: ["proj_credit_cards"],
    numbers: [{ number: CHICAGO_NUMBER }],
    calls,
    zones: { zones: ["America/Chicago"], unknown: false, notes: [] },
    ...over,
  };
}

export function settings(over: Partial<ComplianceSettings> = {}): ComplianceSettings {
  return { ...DEFAULT_SETTINGS, ...over, rules: { ...DEFAULT_SETTINGS.rules, ...over.rules } };
}

/** Calls at 10:00 Chicago (CDT, -05:00) on each given April 2026 day. */
export function aprilCalls(days: number[], over: Partial<ComplianceCall> = {}): ComplianceCall[] {
  return days.map((d, i) => call(`c${String(i + 1).padStart(2, "0")}`, `2026-04-${String(d).padStart(2, "0")}T10:00:00-05:00`, over));
}
