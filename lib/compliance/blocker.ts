import type { RuleId, Severity } from "./types";

/**
 * Why a hypothetical call at an instant would break a rule, and the earliest
 * instant the same rule could next allow it (a lower bound: the planner
 * re-checks every rule there). until null: no time can be found by waiting.
 */
export interface Blocker {
  rule: RuleId;
  check: string;
  citation: string;
  severity: Severity;
  message: string;
  until: number | null;
  /** The zone whose clock decided `until`, for showing the time. */
  zone?: string;
}
