import "server-only";
import { requireRole } from "@/lib/auth/guard";
import { prisma } from "@/lib/db/client";
import { BadRequestError } from "@/lib/http/errors";
import { RULES_VERSION } from "./catalogue";
import { mayCallNow } from "./engine";
import { isE164 } from "./inputs";
import { loadComplianceSettings } from "./settings-store";
import { loadManualEntries, reviveInput } from "./store";
import type { AccountInput, Reason } from "./types";
import { resolveConsumerZones } from "./zones";

/**
 * "May I call now?" for a dialer, before every call: the number's accounts
 * (crm_account_numbers.number index), each evaluated with mayCallNow from its
 * stored input snapshot, the live manual holds and clearances, and the
 * portfolio's settings. A number never called is checked for calling hours
 * and zone alone. A rule that cannot be evaluated answers no with that reason
 * unless the portfolio's settings allow it (ComplianceSettings.whenUnevaluable).
 */

export interface CheckAnswer {
  allowed: boolean;
  nextAllowedAt: string | null;
  reasons: { rule: string; citation: string; message: string }[];
  rulesVersion: string;
  /** How many accounts hold this number (0: never called). */
  accounts: number;
}

const KNOWN_PARAMS = new Set(["number", "project"]);

export function parseCheckQuery(params: URLSearchParams): { number: string; project: string | null } {
  const issues: { path: string; message: string }[] = [];
  for (const key of params.keys()) if (!KNOWN_PARAMS.has(key)) issues.push({ path: key, message: "is not a known parameter" });
  for (const key of KNOWN_PARAMS) if (params.getAll(key).length > 1) issues.push({ path: key, message: "must be given at most once" });
  const number = params.get("number");
  if (!number) issues.push({ path: "number", message: "is required (E.164, e.g. +13125550142)" });
  else if (!isE164(number)) issues.push({ path: "number", message: "must be E.164: a + and 7-15 digits, e.g. +13125550142" });
  const project = params.get("project");
  if (project !== null && !project.trim()) issues.push({ path: "project", message: "must not be empty" });
  if (issues.length) {
    throw new BadRequestError(`Invalid query parameters: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`, { issues });
  }
  return { number: number!, project: project?.trim() || null };
}

async function portfolioKnown(project: string, settingsPortfolios: string[]): Promise<boolean> {
  if (settingsPortfolios.includes(project)) return true;
  const found = await prisma.crmDebt.findFirst({ where: { portfolio: project }, select: { id: true } });
  return found !== null;
}

export async function checkNumber(params: URLSearchParams, now: Date = new Date()): Promise<CheckAnswer> {
  await requireRole("agent");
  const { number, project } = parseCheckQuery(params);
  const [settings, links] = await Promise.all([
    loadComplianceSettings(prisma),
    prisma.crmAccountNumber.findMany({ where: { number }, select: { accountId: true } }),
  ]);
  if (project && !(await portfolioKnown(project, Object.keys(settings.stored.portfolios)))) {
    throw new BadRequestError(`Invalid query parameters: project "${project.slice(0, 64)}" is not a known portfolio.`, {
      issues: [{ path: "project", message: "is not a known portfolio (no debt or settings name it)" }],
    });
  }
  const ruleSettings = settings.forPortfolio(project);
  const intent = { number, debtKeys: project ? [project] : undefined };
  const accountIds = [...new Set(links.map((l) => l.accountId))];
  const inputs: AccountInput[] = [];
  if (accountIds.length) {
    const [snapshots, manual] = await Promise.all([
      prisma.complianceAccountInput.findMany({ where: { accountId: { in: accountIds } } }),
      loadManualEntries(prisma, accountIds),
    ]);
    for (const snap of snapshots) {
      const input = reviveInput(snap.input);
      // Holds typed since the last evaluation count at once: the live rows replace the snapshot's manual ones.
      const holds = [...(input.holds ?? []), ...(manual.holds.get(snap.accountId) ?? [])];
      inputs.push({ ...input, holds, clearances: manual.clearances.get(snap.accountId) ?? [] });
    }
  }
  if (inputs.length === 0) {
    // Never called (or not evaluated yet): the calling-hours and zone rules still apply.
    inputs.push({
      accountId: "",
      debtKeys: project ? [project] : [],
      numbers: [{ number }],
      calls: [],
      zones: await resolveConsumerZones([number]),
    });
  }
  const answers = inputs.map((input) => mayCallNow(input, ruleSettings, now, intent));
  const allowed = answers.every((a) => a.allowed);
  let nextAllowedAt: Date | null = now;
  for (const a of answers) {
    if (a.allowed) continue;
    if (!a.nextAllowedAt || !nextAllowedAt) nextAllowedAt = null;
    else if (a.nextAllowedAt > nextAllowedAt) nextAllowedAt = a.nextAllowedAt;
  }
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const r of answers.flatMap((a) => a.reasons)) {
    const key = `${r.rule}|${r.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      reasons.push(r);
    }
  }
  return {
    allowed,
    nextAllowedAt: allowed ? now.toISOString() : (nextAllowedAt?.toISOString() ?? null),
    reasons: reasons.map(({ rule, citation, message }) => ({ rule, citation, message })),
    rulesVersion: RULES_VERSION,
    accounts: accountIds.length,
  };
}
