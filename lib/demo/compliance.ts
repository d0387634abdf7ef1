import type { GeneratedCall } from "./generate";
import { base62, mulberry32, seedFromString, uuid4, uuid7 } from "./rng";

/**
 * Demo histories that break the rules on purpose, so /compliance shows
 * flags on first start: a person called 9 times in 6 days (12 CFR
 * 1006.14(b)(2)(i)(A)), one who asked not to be called and was called again
 * (12 CFR 1006.14(h)(1), a standing hold), and a call at 22:30 their time
 * (12 CFR 1006.6(b)(1)(i)). Times are relative to the seed's `now`.
 */

const DAY = 86_400_000;
const FROM = "+15074106928";
const NO_ANSWER = "AI: Hello, this is Ava from Acme Recovery calling about your account. Please call us back at your convenience.";

interface Spec {
  key: string;
  number: string;
  projectId: string;
  at: Date;
  callOutput: string;
  transcription: string;
  summary: string;
  endedReason?: string;
}

/** Midday in the US (16:00Z) `daysAgo` days before now, plus `hours`. */
function dayAt(now: Date, daysAgo: number, hourUtc: number): Date {
  const d = new Date(now.getTime() - daysAgo * DAY);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
}

function specs(now: Date): Spec[] {
  const out: Spec[] = [];
  // 9 calls in 6 days to one person about the same debt (the 8th and 9th are flagged).
  const frequency = [6, 6, 5, 4, 4, 3, 2, 2, 1];
  frequency.forEach((daysAgo, i) => {
    out.push({
      key: `demo-compliance-frequency-${i}`,
      number: "+13125550160",
      projectId: "proj_credit_cards",
      at: dayAt(now, daysAgo, 15 + (i % 3) * 2),
      callOutput: "NO ANSWER",
      transcription: NO_ANSWER,
      summary: "No one answered; the AI left a short message.",
      endedReason: "voicemail",
    });
  });
  // Asked not to be called, then called again two days later.
  out.push({
    key: "demo-compliance-stop-0",
    number: "+17135550161",
    projectId: "proj_medical",
    at: dayAt(now, 4, 17),
    callOutput: "NOT INTERESTED",
    transcription:
      "AI: Hi, this is Ava from Acme Recovery. This is an attempt to collect a debt and any information obtained will be used for that purpose. Am I speaking with Jordan?\nUser: Yes. Please stop calling me.\nAI: I understand. I will note that. Goodbye.",
    summary: "The contact asked not to be called again.",
  });
  out.push({
    key: "demo-compliance-stop-1",
    number: "+17135550161",
    projectId: "proj_medical",
    at: dayAt(now, 2, 18),
    callOutput: "NO ANSWER",
    transcription: NO_ANSWER,
    summary: "No one answered.",
    endedReason: "voicemail",
  });
  // 22:30 in Chicago (04:30Z the next day in winter): outside calling hours.
  out.push({
    key: "demo-compliance-late-0",
    number: "+13125550162",
    projectId: "proj_auto_loans",
    at: dayAt(now, 2, 4),
    callOutput: "NO ANSWER",
    transcription: NO_ANSWER,
    summary: "No one answered.",
    endedReason: "voicemail",
  });
  return out.filter((s) => s.at.getTime() < now.getTime());
}

export function complianceDemoCalls(now: Date): GeneratedCall[] {
  return specs(now).map((s, i) => {
    // Per seed minute, like the generated calls: a forced reseed later adds new calls instead of colliding.
    const rng = mulberry32(seedFromString(`compliance-demo:${s.key}:${Math.floor(now.getTime() / 60_000)}`));
    const receivedAt = new Date(s.at.getTime() + 30 * 60_000);
    return {
      index: -100 - i,
      id: uuid4(rng),
      messageId: `msg_${base62(rng, 27)}`,
      payload: {
        providerCallId: uuid7(rng, s.at.getTime()),
        numberFrom: FROM,
        numberTo: s.number,
        providerStatus: "pass",
        deliveryStatus: "pass",
        duration: 40,
        summary: s.summary,
        endedReason: s.endedReason ?? "customer-ended-call",
        callOutput: s.callOutput,
        callOutputReasoning: null,
        sentimentOutput: "NEUTRAL",
        sentimentOutputReasoning: null,
        transcription: s.transcription,
        recordingUrl: null,
        metadata: { requestMetadata: { project_id: s.projectId, account_id: s.key.replace(/-\d+$/, "") } },
      },
      sentAt: new Date(Math.floor(receivedAt.getTime() / 1000) * 1000),
      receivedAt,
    };
  });
}
