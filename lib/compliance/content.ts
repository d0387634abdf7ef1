import { CITATIONS, makeFlag } from "./catalogue";
import { type Context, type PreparedCall, speechOf } from "./context";
import type { ComplianceFlag, Evidence } from "./types";

/**
 * What the AI said on the call: R9 the 1006.18(e) disclosures, R13 the
 * recording notice all-party-consent states require, R10 debt details given
 * to a wrong party (1006.6(d)(1)) or left in a voicemail, which is then no
 * limited-content message (1006.2(j)). A call without a transcript cannot be
 * checked and says so.
 */

function reachedPerson(pc: PreparedCall): boolean {
  return !pc.call.voicemail && !pc.misdirected && (pc.call.rightParty === true || (pc.call.conversation && pc.call.rightParty !== false));
}

function reachedSomeone(pc: PreparedCall): boolean {
  return !pc.call.voicemail && (pc.call.rightParty !== null || pc.call.conversation || speechOf(pc).contactSpoke);
}

function flag(pc: PreparedCall, fields: Omit<ComplianceFlag, "callId" | "debtKey" | "rulesVersion">): ComplianceFlag {
  return makeFlag({
    callId: pc.call.callId,
    debtKey: null,
    rule: fields.rule,
    check: fields.check,
    citation: fields.citation,
    severity: fields.severity,
    evidence: fields.evidence,
    message: fields.message,
  });
}

function noTranscript(pc: PreparedCall, rule: "R9" | "R13", citation: string, what: string): ComplianceFlag {
  return flag(pc, {
    rule,
    check: "no-transcript",
    citation,
    severity: "unevaluable",
    evidence: [{ kind: "call", callId: pc.call.callId, detail: "no transcript" }],
    message: `${what} not checked: the call has no transcript — ${citation}`,
  });
}

export function disclosureFlags(ctx: Context): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  const initialAt = ctx.input.initialDisclosureAt?.getTime() ?? null;
  let firstSeen = false;
  for (const pc of ctx.calls) {
    if (!reachedPerson(pc)) continue;
    // The first communication needs the full disclosure whoever placed the call (cmt 18(e)(1)-1).
    const isFirst = !firstSeen && !(initialAt !== null && pc.planMs !== null && initialAt < pc.planMs);
    firstSeen = true;
    if (!ctx.settings.rules.R9) continue;
    const speech = speechOf(pc);
    if (!speech.hasTranscript) {
      flags.push(noTranscript(pc, "R9", isFirst ? CITATIONS.miniMiranda : CITATIONS.laterDisclosure, "debt-collector disclosure"));
      continue;
    }
    if (isFirst) {
      const missing = [
        speech.attemptToCollect ? null : "that this is an attempt to collect a debt",
        speech.informationUsed ? null : "that information obtained will be used for that purpose",
      ].filter(Boolean);
      if (missing.length > 0) {
        flags.push(
          flag(pc, {
            rule: "R9",
            check: "initial-disclosure",
            citation: CITATIONS.miniMiranda,
            severity: "violation",
            evidence: [speech.attemptToCollect, speech.informationUsed].filter((e): e is NonNullable<typeof e> => e !== null),
            message: `first conversation with this person: the AI did not say ${missing.join(" nor ")} — ${CITATIONS.miniMiranda}`,
          }),
        );
      }
    } else if (!speech.fromDebtCollector && !speech.attemptToCollect) {
      flags.push(
        flag(pc, {
          rule: "R9",
          check: "later-disclosure",
          citation: CITATIONS.laterDisclosure,
          severity: "violation",
          evidence: [{ kind: "call", callId: pc.call.callId, detail: "no 'debt collector' statement in the AI's turns" }],
          message: `the AI did not say the call is from a debt collector — ${CITATIONS.laterDisclosure}`,
        }),
      );
    }
  }
  return flags;
}

export function recordingFlags(ctx: Context): ComplianceFlag[] {
  if (!ctx.settings.rules.R13) return [];
  const flags: ComplianceFlag[] = [];
  for (const pc of ctx.calls) {
    if (!reachedSomeone(pc)) continue;
    const speech = speechOf(pc);
    if (!speech.hasTranscript) {
      flags.push(noTranscript(pc, "R13", CITATIONS.recording, "recording disclosure"));
    } else if (!speech.recordingDisclosure) {
      flags.push(
        flag(pc, {
          rule: "R13",
          check: "recording-disclosure",
          citation: CITATIONS.recording,
          severity: "violation",
          evidence: [{ kind: "call", callId: pc.call.callId, detail: "no recording notice in the AI's turns" }],
          message: `the AI did not say the call is recorded (needed in all-party consent states) — ${CITATIONS.recording}`,
        }),
      );
    }
  }
  return flags;
}

export function thirdPartyFlags(ctx: Context): ComplianceFlag[] {
  if (!ctx.settings.rules.R10) return [];
  const flags: ComplianceFlag[] = [];
  const wrongSince = new Map<string, number>();
  for (const n of ctx.input.numbers) if (n.wrongNumberSince) wrongSince.set(n.number, n.wrongNumberSince.getTime());
  for (const pc of ctx.calls) {
    const since = wrongSince.get(pc.call.number);
    if (pc.call.direction === "outbound" && since !== undefined && pc.ms !== null && pc.ms > since) {
      // Dialing a number known to reach someone else can only reach a third party (1006.6(d)(1)).
      flags.push(
        flag(pc, {
          rule: "R10",
          check: "known-wrong-number",
          citation: CITATIONS.thirdParty,
          severity: "review",
          evidence: [
            { kind: "call", callId: pc.call.callId, detail: `number marked wrong on ${new Date(since).toISOString().slice(0, 10)}` },
          ],
          message: `call to ${pc.call.number}, known not to be this person's number — ${CITATIONS.thirdParty}`,
        }),
      );
    }
    const wrongParty = pc.call.rightParty === false || (pc.misdirected && !pc.call.voicemail);
    if (!wrongParty && !pc.call.voicemail) continue;
    const details = speechOf(pc).debtDetails;
    if (details.length === 0) continue;
    const evidence: Evidence[] = details;
    const quoted = details.map((d) => `"${d.text}"`).join(", ");
    flags.push(
      flag(pc, {
        rule: "R10",
        check: wrongParty ? "third-party-disclosure" : "voicemail-content",
        citation: wrongParty ? CITATIONS.thirdParty : CITATIONS.limitedContent,
        severity: wrongParty ? "violation" : "review",
        evidence,
        message: wrongParty
          ? `debt details (${quoted}) said to someone other than the consumer — ${CITATIONS.thirdParty}`
          : `voicemail mentions the debt (${quoted}), so it is not a limited-content message — ${CITATIONS.limitedContent}`,
      }),
    );
  }
  return flags;
}
