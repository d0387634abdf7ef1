import { addDays, localDateOf, zonedToInstant } from "@/lib/time/zones";
import type { DemoPayload, GeneratedCall } from "./generate";
import { base62, mulberry32, seedFromString, uuid4, uuid7 } from "./rng";

/**
 * Debtors with call histories that exercise every account state, at real
 * past times relative to the seed's `now`, so My work, /accounts and the
 * account pages are full on first start: kept, kept late, broken, an
 * extension superseding a promise, a payment plan's installments, a callback
 * closed by a later right-party contact, an open overdue callback, a
 * callback due today, wrong and disconnected numbers, promises that need
 * review, promises due today and tomorrow. Seeded like every demo call (the
 * calls' trigger queues them; the worker started by `npm start` derives them).
 *
 * Dates are spoken in full ("December 3, 2026") so the extractor reads them
 * the same whatever weekday the demo starts on. Contacts live in the default
 * zone (America/New_York).
 */

const ZONE = "America/New_York";
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

interface Step {
  /** Days before today (contact's zone); 0 = today. */
  daysAgo: number;
  /** Local hour of the call. */
  hour: number;
  outcome: string;
  /** Lines after the greeting; `{d:N}` is the spoken date N days from today. */
  lines: string[];
  summary: string;
  number?: string;
  endedReason?: string;
  sentiment?: "POSITIVE" | "NEUTRAL" | "NEGATIVE";
}

interface Debtor {
  account: string;
  name: string;
  portfolio: string;
  creditor: string;
  number: string;
  steps: Step[];
}

const GREET = (d: Debtor) => [`AI: Hello, this is Ava calling for ${d.creditor}. Am I speaking with ${d.name}?`, "User: Yes, speaking."];

export const DEMO_DEBTORS: readonly Debtor[] = [
  {
    account: "ACC-1001",
    name: "Grace Kim",
    portfolio: "proj_auto_loans",
    creditor: "Summit Auto Finance",
    number: "+12125550181",
    steps: [
      {
        daysAgo: 20,
        hour: 11,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: Your payment of $320 is past due.", "AI: So that's $320 on {d:-14}?", "User: Yes, that works."],
        summary: "Grace Kim promised $320.",
      },
      {
        daysAgo: 15,
        hour: 15,
        outcome: "PAYMENT COMPLETED",
        lines: ["AI: I can take that payment now.", "User: Go ahead.", "AI: The payment of $320.00 went through."],
        summary: "Grace Kim paid $320 by card.",
        sentiment: "POSITIVE",
      },
    ],
  },
  {
    account: "ACC-1002",
    name: "Luis Ortega",
    portfolio: "proj_credit_cards",
    creditor: "Northwind Card Services",
    number: "+13055550142",
    steps: [
      {
        daysAgo: 30,
        hour: 10,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: Your minimum payment of $95 is overdue.", "AI: So that's $95 on {d:-25}?", "User: Yes."],
        summary: "Luis Ortega promised $95.",
      },
      {
        daysAgo: 22,
        hour: 17,
        outcome: "PAYMENT COMPLETED",
        lines: ["AI: Shall I take the payment now?", "User: Yes, sorry it's late.", "AI: The payment of $95.00 went through."],
        summary: "Luis Ortega paid $95, three days after the promised date.",
      },
    ],
  },
  {
    account: "ACC-1003",
    name: "Priya Raman",
    portfolio: "proj_medical",
    creditor: "Lakeside Medical Billing",
    number: "+16175550119",
    steps: [
      {
        daysAgo: 12,
        hour: 13,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: The balance for your visit is $240.", "AI: So that's $240 on {d:-2}?", "User: Yes, I'll pay it then."],
        summary: "Priya Raman promised $240; no payment since.",
      },
    ],
  },
  {
    account: "ACC-1004",
    name: "Tom Becker",
    portfolio: "proj_auto_loans",
    creditor: "Summit Auto Finance",
    number: "+17735550164",
    steps: [
      {
        daysAgo: 18,
        hour: 16,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: Your car payment of $410 is past due.", "AI: So that's $410 on {d:-10}?", "User: Yes, on payday."],
        summary: "Tom Becker promised $410.",
      },
      {
        daysAgo: 6,
        hour: 12,
        outcome: "NO ANSWER",
        lines: [],
        summary: "No answer.",
        endedReason: "customer-did-not-answer",
      },
    ],
  },
  {
    account: "ACC-1005",
    name: "Hannah Weiss",
    portfolio: "proj_credit_cards",
    creditor: "Northwind Card Services",
    number: "+14155550127",
    steps: [
      {
        daysAgo: 10,
        hour: 14,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: Your payment of $150 is overdue.", "AI: So that's $150 on {d:-6}?", "User: Yes."],
        summary: "Hannah Weiss promised $150.",
      },
      {
        daysAgo: 7,
        hour: 11,
        outcome: "PAYMENT EXTENSION",
        lines: ["User: I need more time, my hours were cut.", "AI: To confirm, $150 on {d:5}?", "User: Yes, thank you."],
        summary: "Hannah Weiss asked for more time; extended to next week.",
      },
    ],
  },
  {
    account: "ACC-1006",
    name: "Marcus Reed",
    portfolio: "proj_medical",
    creditor: "Lakeside Medical Billing",
    number: "+12145550173",
    steps: [
      {
        daysAgo: 36,
        hour: 10,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: How would you like to pay the $600 balance?", "User: I'll pay $50 every other Friday."],
        summary: "Marcus Reed set up a plan of $50 every other Friday.",
      },
      {
        daysAgo: 30,
        hour: 18,
        outcome: "PAYMENT COMPLETED",
        lines: ["AI: Calling to confirm your first installment.", "AI: The payment of $50.00 went through."],
        summary: "First installment of $50 paid.",
      },
    ],
  },
  {
    account: "ACC-1007",
    name: "Aisha Bello",
    portfolio: "proj_auto_loans",
    creditor: "Summit Auto Finance",
    number: "+13125550108",
    steps: [
      {
        daysAgo: 5,
        hour: 9,
        outcome: "CALL BACK REQUESTED",
        lines: ["AI: Is now a good time to talk about your account?", "User: I'm at work. Call me tomorrow at 6pm."],
        summary: "Aisha Bello asked for a call back tomorrow evening.",
      },
      {
        daysAgo: 4,
        hour: 18,
        outcome: "NOT INTERESTED",
        lines: ["AI: You asked us to call back about your payment.", "User: I know, I'm handling it with the dealer."],
        summary: "Called back as asked; Aisha is handling it with the dealer.",
      },
    ],
  },
  {
    account: "ACC-1008",
    name: "Derek Olsen",
    portfolio: "proj_credit_cards",
    creditor: "Northwind Card Services",
    number: "+16465550150",
    steps: [
      {
        daysAgo: 3,
        hour: 12,
        outcome: "CALL BACK REQUESTED",
        lines: ["AI: Can we talk about your balance?", "User: Not now. Call me tomorrow at 10am."],
        summary: "Derek Olsen asked for a call back the next morning; not called back yet.",
      },
    ],
  },
  {
    account: "ACC-1009",
    name: "Sofia Marin",
    portfolio: "proj_medical",
    creditor: "Lakeside Medical Billing",
    number: "+17185550133",
    steps: [
      {
        daysAgo: 1,
        hour: 16,
        outcome: "CALL BACK REQUESTED",
        lines: ["AI: Is now a good time?", "User: I'm driving. Call me tomorrow at 9am."],
        summary: "Sofia Marin asked for a call back this morning.",
      },
    ],
  },
  {
    account: "ACC-1010",
    name: "Kevin Park",
    portfolio: "proj_auto_loans",
    creditor: "Summit Auto Finance",
    number: "+15125550191",
    steps: [
      {
        daysAgo: 9,
        hour: 15,
        outcome: "WRONG NUMBER",
        number: "+15125550199",
        lines: ["User: No, you have the wrong number. There's no Kevin here."],
        summary: "Wrong number: the person who answered does not know Kevin Park.",
        sentiment: "NEGATIVE",
      },
      {
        daysAgo: 8,
        hour: 11,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: Your payment of $275 is past due.", "AI: So that's $275 on {d:1}?", "User: Yes, tomorrow's fine."],
        summary: "Reached Kevin Park on his other number; promised $275.",
      },
    ],
  },
  {
    account: "ACC-1011",
    name: "Nora Quinn",
    portfolio: "proj_credit_cards",
    creditor: "Northwind Card Services",
    number: "+12025550166",
    steps: [
      {
        daysAgo: 4,
        hour: 13,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: When can you make a payment?", "User: I'll pay you $80 soon, once my check clears."],
        summary: "Nora Quinn promised $80 but gave no date.",
      },
    ],
  },
  {
    account: "ACC-1012",
    name: "Ben Carter",
    portfolio: "proj_medical",
    creditor: "Lakeside Medical Billing",
    number: "+14045550112",
    steps: [
      {
        daysAgo: 2,
        hour: 10,
        outcome: "PAYMENT PROMISE",
        lines: ["AI: The balance is $180.", "AI: So that's $180 on {d:0}?", "User: Yes, today's payday."],
        summary: "Ben Carter promised $180 for today.",
      },
    ],
  },
  {
    account: "ACC-1013",
    name: "Olivia Grant",
    portfolio: "proj_auto_loans",
    creditor: "Summit Auto Finance",
    number: "+13475550138",
    steps: [
      {
        daysAgo: 14,
        hour: 12,
        outcome: "NO ANSWER",
        lines: [],
        summary: "The number is no longer in service.",
        endedReason: "number-not-in-service",
      },
      {
        daysAgo: 25,
        hour: 12,
        number: "+13475550139",
        outcome: "PAYMENT PROMISE",
        lines: ["AI: Your payment of $390 is overdue.", "AI: So that's $390 on {d:-16}?", "User: Yes."],
        summary: "Olivia Grant promised $390.",
      },
    ],
  },
];

function spoken(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** The debtors' calls, received at their local times before `now` (a step that would be in the future is left out). */
export function historyCalls(now: Date): GeneratedCall[] {
  const today = localDateOf(now, ZONE);
  const out: GeneratedCall[] = [];
  DEMO_DEBTORS.forEach((debtor, di) => {
    debtor.steps.forEach((step, si) => {
      const rng = mulberry32(seedFromString(`history:${debtor.account}:${si}:${today}`));
      const [y, m, d] = addDays(today, -step.daysAgo).split("-").map(Number) as [number, number, number];
      const receivedAt = new Date(zonedToInstant(y, m, d, step.hour, 7 + di, ZONE).getTime() + si * 1000);
      if (receivedAt.getTime() >= now.getTime()) return;
      const reached = step.lines.length > 0;
      const transcription = reached
        ? [
            ...GREET(debtor),
            ...step.lines.map((l) => l.replace(/\{d:(-?\d+)\}/g, (_, n: string) => spoken(addDays(today, Number(n))))),
          ].join("\n")
        : null;
      const duration = reached ? 40 + 15 * step.lines.length : 0;
      const payload: DemoPayload = {
        providerCallId: uuid7(rng, receivedAt.getTime() - duration * 1000),
        numberFrom: "+15074106928",
        numberTo: step.number ?? debtor.number,
        providerStatus: "pass",
        deliveryStatus: "pass",
        duration,
        summary: step.summary,
        endedReason: step.endedReason ?? (reached ? "customer-ended-call" : "customer-did-not-answer"),
        callOutput: step.outcome,
        callOutputReasoning: reached ? `The conversation matches ${step.outcome}.` : "Nobody answered.",
        sentimentOutput: reached ? (step.sentiment ?? "NEUTRAL") : null,
        sentimentOutputReasoning: reached ? "Tone of the contact's turns." : null,
        transcription,
        recordingUrl: null,
        metadata: { requestMetadata: { account_id: debtor.account, project_id: debtor.portfolio, campaign: "collections-demo" } },
      };
      out.push({
        index: -100 - out.length,
        id: uuid4(rng),
        messageId: `msg_${base62(rng, 27)}`,
        payload,
        sentAt: new Date(Math.floor((receivedAt.getTime() - 400) / 1000) * 1000),
        receivedAt,
      });
    });
  });
  return out;
}

/** How many history calls the seed adds (the generator makes that many fewer, so the total stays as asked). */
export const HISTORY_CALLS = DEMO_DEBTORS.reduce((n, d) => n + d.steps.length, 0);
