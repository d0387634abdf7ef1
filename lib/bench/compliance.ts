import type pg from "pg";
import { checkNumber } from "@/lib/compliance/check";
import { complianceOverview, parseOverviewQuery } from "@/lib/compliance/queries";

/**
 * The compliance guard's reads for npm run bench: the dialer's check
 * (GET /api/compliance/check, in-process) for numbers that have accounts and
 * for numbers never called, and the /compliance page's queries. Issue 14's
 * targets: check p95 < 20 ms, /compliance p95 ≤ 100 ms at 1M calls.
 */

export const COMPLIANCE_TARGETS = { checkP95Ms: 20, overviewP95Ms: 100 } as const;

export interface ComplianceCase {
  id: string;
  label: string;
  run: () => Promise<unknown>;
  limitMs: number;
}

/** Numbers with accounts (spread over the index) and the portfolio of each, from what the worker derived. */
async function sampleNumbers(client: pg.ClientBase): Promise<{ number: string; portfolio: string | null }[]> {
  const { rows } = await client.query<{ number: string; portfolio: string | null }>(
    `SELECT n.number, (SELECT d.portfolio FROM crm_debts d WHERE d.account_id = n.account_id AND d.portfolio IS NOT NULL LIMIT 1) AS portfolio
       FROM crm_account_numbers n TABLESAMPLE SYSTEM (5) LIMIT 50`,
  );
  if (rows.length) return rows;
  const fallback = await client.query<{ number: string }>("SELECT number FROM crm_account_numbers LIMIT 50");
  return fallback.rows.map((r) => ({ number: r.number, portfolio: null }));
}

export async function complianceCases(client: pg.ClientBase): Promise<{ cases: ComplianceCase[]; notes: string[] }> {
  const numbers = await sampleNumbers(client);
  const notes = [`${numbers.length} sampled numbers with accounts`];
  let i = 0;
  const cases: ComplianceCase[] = [];
  if (numbers.length) {
    cases.push({
      id: "compliance.check.known",
      label: "compliance check, a number with an account and its portfolio",
      limitMs: COMPLIANCE_TARGETS.checkP95Ms,
      run: () => {
        const n = numbers[i++ % numbers.length]!;
        return checkNumber(new URLSearchParams({ number: n.number, ...(n.portfolio ? { project: n.portfolio } : {}) }));
      },
    });
  } else notes.push("no accounts derived (run the accounts worker or npm run crm:rebuild first): only the never-called check is measured");
  let j = 0;
  cases.push({
    id: "compliance.check.new",
    label: "compliance check, a number never called",
    limitMs: COMPLIANCE_TARGETS.checkP95Ms,
    run: () => checkNumber(new URLSearchParams({ number: `+1312555${String(1000 + (j++ % 9000)).padStart(4, "0")}` })),
  });
  for (const days of [30, 90] as const) {
    cases.push({
      id: `compliance.overview.${days}d`,
      label: `/compliance overview (by rule, trend, per 1,000 calls, holds, first page), ${days} days`,
      limitMs: COMPLIANCE_TARGETS.overviewP95Ms,
      run: () => complianceOverview(parseOverviewQuery({ days: String(days) })),
    });
  }
  cases.push({
    id: "compliance.overview.r1",
    label: "/compliance drill-down, R1 open flags, 90 days",
    limitMs: COMPLIANCE_TARGETS.overviewP95Ms,
    run: () => complianceOverview(parseOverviewQuery({ days: "90", rule: "R1" })),
  });
  return { cases, notes };
}
