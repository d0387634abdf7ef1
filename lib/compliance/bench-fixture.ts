import type { AccountInput, ComplianceCall } from "./types";

/** An account of typical size for the engine's micro-benchmark. */

const DAY = 86_400_000;
const START = Date.parse("2026-03-01T14:00:00Z");
const LINES = [
  "AI: Hi, this is Ava calling from Acme Recovery. This call is being recorded. This is an attempt to collect a debt and any information obtained will be used for that purpose.",
  "User: Yeah, I know, I got your letter last week about the card.",
  "AI: Thanks. The balance on the account is one thousand two hundred forty dollars. Would you be able to make a payment today?",
  "User: I can do two hundred on Friday when I get paid, maybe more next month.",
  "AI: I can set up two hundred dollars for this Friday. Can I confirm the card ending in 4421?",
  "User: Sure, that's fine. Call me back Monday afternoon if anything changes.",
  "AI: Great, you're all set. Thank you for your time, goodbye.",
];

/** 60 days of history: 45 calls to two numbers about two debts, a third of them conversations with a ~1 KB transcript. */
export function typicalAccount(seed = 1): AccountInput {
  const calls: ComplianceCall[] = [];
  for (let i = 0; i < 45; i++) {
    const talk = (i + seed) % 3 === 0;
    calls.push({
      callId: `call_${seed}_${i}`,
      number: i % 4 === 0 ? "+18502221234" : "+18504321234",
      direction: i % 9 === 0 ? "inbound" : "outbound",
      placedAt: new Date(START + Math.floor((i * 60 * DAY) / 45) + (i % 5) * 3_600_000),
      connected: i % 7 !== 0,
      conversation: talk,
      rightParty: talk ? true : null,
      voicemail: !talk && i % 2 === 0,
      debtKeys: i % 2 === 0 ? ["proj_credit_cards"] : ["proj_medical"],
      transcript: talk ? LINES.join("\n") : null,
    });
  }
  return {
    accountId: `acc_${seed}`,
    debtKeys: ["proj_credit_cards", "proj_medical"],
    numbers: [{ number: "+18504321234" }, { number: "+18502221234" }],
    calls,
    consents: [{ consentId: "k1", givenAt: new Date(START + 50 * DAY), debtKeys: [], window: null }],
    zones: { zones: ["America/Chicago", "America/New_York"], unknown: false, notes: [] },
    states: ["FL"],
  };
}
