import { describe, expect, it } from "vitest";
import { parseTranscript } from "@/lib/calls/transcript";
import { type CallClock, EXTRACTION_VERSION, type ExtractedPromise, extractCall, findAmounts, findDates } from ".";

// Monday 2 March 2026, 09:00 in Chicago (CST, UTC-6). US DST starts Sunday 8 March.
const MONDAY: CallClock = { instant: new Date("2026-03-02T15:00:00Z"), timeZone: "America/Chicago" };
const FRIDAY: CallClock = { instant: new Date("2026-03-06T15:00:00Z"), timeZone: "America/Chicago" };
const OPTIONS = { defaultInstallments: 6 };

function promises(transcript: string, outcome = "PAYMENT PROMISE", clock = MONDAY): ExtractedPromise[] {
  return extractCall(outcome, parseTranscript(transcript), clock, OPTIONS).promises;
}
function one(transcript: string, outcome = "PAYMENT PROMISE", clock = MONDAY): ExtractedPromise {
  const found = promises(transcript, outcome, clock);
  expect(found).toHaveLength(1);
  return found[0]!;
}
const say = (line: string) => `AI: When could you make a payment?\nUser: ${line}`;

describe("extractor: dates (contact commitment, said Monday 2 March 2026 in Chicago)", () => {
  const cases: [string, string][] = [
    ["I'll pay $100 on Friday.", "2026-03-06"],
    ["I'll pay $100 this Friday.", "2026-03-06"],
    ["I'll pay $100 next Friday.", "2026-03-13"],
    ["I can pay $100 tomorrow.", "2026-03-03"],
    ["I can pay $100 the day after tomorrow.", "2026-03-04"],
    ["I'll pay $100 on Wednesday.", "2026-03-04"],
    ["I'll pay $100 today.", "2026-03-02"],
    ["I can pay $100 on Monday.", "2026-03-09"],
    ["I'll pay $100 on the 15th.", "2026-03-15"],
    ["I'll pay $100 by the fifteenth.", "2026-03-15"],
    ["I'll pay $100 on the 1st.", "2026-04-01"],
    ["I'll pay $100 on the first of next month.", "2026-04-01"],
    ["I'll pay $100 on March 20th.", "2026-03-20"],
    ["I'll pay $100 on Friday, March 13.", "2026-03-13"],
    ["I'll pay $100 on April 1st.", "2026-04-01"],
    ["I'll pay $100 on 3/20.", "2026-03-20"],
    ["I'll pay $100 in two weeks.", "2026-03-16"],
    ["I'll pay $100 at the end of the month.", "2026-03-31"],
    ["I will pay $100 next week.", "2026-03-09"],
    ["I can do $100 on Friday the 13th.", "2026-03-13"],
  ];
  it.each(cases)("%s → %s", (line, date) => {
    expect(one(say(line))).toMatchObject({
      dueDate: date,
      amountCents: 10000,
      source: "contact_commitment",
      confidence: "medium",
      timeZone: "America/Chicago",
    });
  });
});

describe("extractor: amounts", () => {
  const cases: [string, number, string | null][] = [
    ["I can pay two hundred dollars on Friday.", 20000, "USD"],
    ["I can pay one hundred and twenty five dollars on Friday.", 12500, "USD"],
    ["I can pay $1,240.00 on Friday.", 124000, "USD"],
    ["I owe $500 but I can pay $100 on Friday.", 10000, "USD"],
    ["I know the balance is $900. I'll pay $300 on Friday.", 30000, "USD"],
    ["The total is $450, I'll pay $200 on Friday.", 20000, "USD"],
    ["I'll pay 150 bucks on Friday.", 15000, "USD"],
    ["I can pay $75.50 on Friday.", 7550, "USD"],
    ["I can send CA$120.50 on Friday.", 12050, "CAD"],
    ["I'll pay €30.00 on Friday.", 3000, "EUR"],
    ["I'll pay £40 on Friday.", 4000, "GBP"],
    ["I'll pay AED 450.00 on Friday.", 45000, "AED"],
    ["I'll pay a hundred dollars on Friday.", 10000, "USD"],
    ["I'll pay fifty dollars on Friday.", 5000, "USD"],
  ];
  it.each(cases)("%s → %i cents %s", (line, cents, currency) => {
    expect(one(say(line))).toMatchObject({ amountCents: cents, currency, dueDate: "2026-03-06", confidence: "medium" });
  });

  it("a bare spoken number after a payment verb is kept at low confidence ('one fifty' could be $1.50)", () => {
    expect(one(say("I can do one fifty on Friday."))).toMatchObject({
      amountCents: 15000,
      currency: null,
      confidence: "low",
      needsReview: true,
      reviewReasons: ["low_confidence"],
    });
  });

  it("no amount said: the promise keeps its date and asks for review", () => {
    expect(one(say("I'll pay on Friday."))).toMatchObject({
      amountCents: null,
      dueDate: "2026-03-06",
      confidence: "low",
      needsReview: true,
    });
  });
});

describe("extractor: payment plans become bounded installments", () => {
  it("$50 every other Friday: six bi-weekly installments from this Friday (count not said)", () => {
    const found = promises(say("I'll pay $50 every other Friday."));
    expect(found.map((p) => p.dueDate)).toEqual(["2026-03-06", "2026-03-20", "2026-04-03", "2026-04-17", "2026-05-01", "2026-05-15"]);
    expect(found.every((p) => p.amountCents === 5000 && p.installment?.frequency === "biweekly" && p.installment.countAssumed)).toBe(true);
    expect(found.map((p) => p.installment?.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("100 a month starting the 1st: monthly on the 1st, low confidence (no currency said)", () => {
    const found = promises(say("I can do 100 a month starting the 1st."));
    expect(found.map((p) => p.dueDate)).toEqual(["2026-04-01", "2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01"]);
    expect(found[0]).toMatchObject({ amountCents: 10000, confidence: "low", installment: { frequency: "monthly" } });
  });

  it("$40 a week for 4 weeks starting Friday: exactly the four said", () => {
    const found = promises(say("I can pay $40 a week for 4 weeks starting Friday."));
    expect(found.map((p) => p.dueDate)).toEqual(["2026-03-06", "2026-03-13", "2026-03-20", "2026-03-27"]);
    expect(found[0]!.installment).toMatchObject({ count: 4, countAssumed: false, frequency: "weekly" });
  });

  it("$200 a month for three months starting on the 15th", () => {
    expect(promises(say("I'll pay $200 a month for three months, starting on the 15th.")).map((p) => p.dueDate)).toEqual([
      "2026-03-15",
      "2026-04-15",
      "2026-05-15",
    ]);
  });

  it("$25 every Friday: weekly", () => {
    const found = promises(say("I'll pay $25 every Friday."));
    expect(found).toHaveLength(6);
    expect(found[1]!.dueDate).toBe("2026-03-13");
  });

  it("$60 biweekly starting next Friday", () => {
    expect(
      promises(say("I can do $60 biweekly starting next Friday."))
        .slice(0, 2)
        .map((p) => p.dueDate),
    ).toEqual(["2026-03-13", "2026-03-27"]);
  });
});

describe("extractor: past tense is a payment claimed, not a promise", () => {
  const cases = [
    "I paid $200 last Friday.",
    "I already paid it yesterday.",
    "I sent the payment last week.",
    "I made a payment of $80 on Friday.",
  ];
  it.each(cases)("%s", (line) => {
    const result = extractCall("PAYMENT PROMISE", parseTranscript(say(line)), MONDAY, OPTIONS);
    expect(result.claims).toHaveLength(1);
    expect(result.claims[0]!.evidence.turn).toBe(1);
    expect(result.promises).toEqual([
      expect.objectContaining({ source: "outcome_only", dueDate: null, reviewReasons: expect.arrayContaining(["payment_claimed"]) }),
    ]);
  });

  it("a claim and a new promise in one turn: the promise takes only the future clause", () => {
    const result = extractCall("PAYMENT PROMISE", parseTranscript(say("I paid $100 yesterday. I'll pay $150 on Friday.")), MONDAY, OPTIONS);
    expect(result.claims).toHaveLength(1);
    expect(result.promises[0]).toMatchObject({ amountCents: 15000, dueDate: "2026-03-06" });
  });
});

describe("extractor: no date", () => {
  it.each(["I'll pay $75 on payday.", "I'll pay $75 when I get paid.", "I'll pay $75 as soon as I can."])(
    "%s → null due date, needs review",
    (line) => {
      expect(one(say(line))).toMatchObject({
        amountCents: 7500,
        dueDate: null,
        needsReview: true,
        reviewReasons: expect.arrayContaining(["no_date"]),
      });
    },
  );

  it("a promise outcome with an empty transcript is still a promise, to review", () => {
    expect(one("")).toMatchObject({ source: "outcome_only", dueDate: null, amountCents: null, evidence: null, needsReview: true });
  });
});

describe("extractor: AI confirmation vs contact commitment", () => {
  it("an agreed read-back is high confidence, with both turns as evidence", () => {
    const p = one("AI: So, to confirm, you will pay $150 on Friday the 6th. Is that correct?\nUser: Yes, that's right.");
    expect(p).toMatchObject({ source: "ai_confirmation", confidence: "high", amountCents: 15000, dueDate: "2026-03-06" });
    expect(p.evidence).toEqual({ turn: 0, start: 0, end: 52, text: "So, to confirm, you will pay $150 on Friday the 6th." });
    expect(p.agreement).toMatchObject({ turn: 1, text: "Yes" });
  });

  it("so that's $150 on Friday the 6th? / yeah", () => {
    expect(one("AI: So that's $150 on Friday the 6th?\nUser: Yeah.")).toMatchObject({
      source: "ai_confirmation",
      confidence: "high",
      dueDate: "2026-03-06",
    });
  });

  it("the agreed read-back wins over the contact's earlier offer", () => {
    expect(one("User: I can pay $100 on Monday.\nAI: So to confirm, $120 on Friday?\nUser: Yes.")).toMatchObject({
      source: "ai_confirmation",
      amountCents: 12000,
      dueDate: "2026-03-06",
    });
  });

  it("a refused read-back is no promise; a negated reply gives nothing", () => {
    expect(one("AI: So that's $150 on Friday?\nUser: No, I can't do Friday.")).toMatchObject({ source: "outcome_only" });
  });

  it("a refused read-back with a counter-offer takes the contact's terms", () => {
    expect(one("AI: So that's $150 on Friday?\nUser: No. I'll pay $100 on Monday.")).toMatchObject({
      source: "contact_commitment",
      amountCents: 10000,
      dueDate: "2026-03-09",
    });
  });

  it("an extension offered and accepted (demo phrasing)", () => {
    const p = one(
      "AI: I can extend your due date to Friday, April 3. The amount due then would be $300.00. Does that work for you?\nUser: Yes, Friday, April 3 works.",
      "PAYMENT EXTENSION",
    );
    expect(p).toMatchObject({ source: "ai_confirmation", confidence: "high", amountCents: 30000, dueDate: "2026-04-03" });
  });

  it("the read-back names the date, the contact's earlier offer the amount", () => {
    expect(one("User: I can pay $80.\nAI: To confirm, that's on the 20th?\nUser: Yes.")).toMatchObject({
      source: "ai_confirmation",
      amountCents: 8000,
      dueDate: "2026-03-20",
      confidence: "high",
    });
  });

  it("date and amount in two sentences of one contact turn (demo phrasing)", () => {
    expect(one("AI: Could you commit to a payment date?\nUser: I can do Friday, March 13. I'll pay $120.00 by debit card.")).toMatchObject({
      amountCents: 12000,
      dueDate: "2026-03-13",
      confidence: "medium",
    });
  });

  it("the agent recording the promise does not outrank the contact who made it", () => {
    const p = one(
      "User: I can pay $120.00 on Friday, March 13.\nAI: Thank you, Sam. I've recorded your promise to pay $120.00 on Friday, March 13. You'll get a reminder the day before.",
    );
    expect(p).toMatchObject({ source: "contact_commitment", evidence: { turn: 0 } });
  });

  it("Agent/Customer labels", () => {
    expect(
      one(
        "Agent: So, to confirm, you're promising to pay $90.00 on Wednesday, March 4 by debit card. Is that correct?\nCustomer: Yes, that's right.",
      ),
    ).toMatchObject({ confidence: "high", amountCents: 9000, dueDate: "2026-03-04" });
  });

  it("an unlabelled transcript can only give low confidence", () => {
    expect(one("I will pay $100 on Friday.")).toMatchObject({
      source: "contact_commitment",
      confidence: "low",
      amountCents: 10000,
      dueDate: "2026-03-06",
    });
  });
});

describe("extractor: negations", () => {
  it.each([
    "I can't pay Friday.",
    "I won't be able to pay $100 on Friday.",
    "There's no way I can pay $100 on Friday.",
    "I cannot pay anything on Friday.",
  ])("%s → no terms", (line) => {
    expect(one(say(line))).toMatchObject({ source: "outcome_only", dueDate: null, amountCents: null });
  });

  it("I can't pay it all, but I can pay $50 on Friday", () => {
    expect(one(say("I can't pay it all, but I can pay $50 on Friday."))).toMatchObject({ amountCents: 5000, dueDate: "2026-03-06" });
  });

  it("curly apostrophes: I can’t pay Friday, but I’ll pay $60 on Monday", () => {
    expect(one(say("I can’t pay Friday, but I’ll pay $60 on Monday."))).toMatchObject({ amountCents: 6000, dueDate: "2026-03-09" });
  });
});

describe("extractor: callbacks in the contact's zone", () => {
  const callback = (transcript: string, clock = MONDAY) =>
    extractCall("CALL BACK REQUESTED", parseTranscript(transcript), clock, OPTIONS).callback!;

  it("call me Monday after 5 → next Monday 17:00 local, across the DST change (CDT, UTC-5)", () => {
    expect(callback("AI: Is now a good time?\nUser: No. Call me Monday after 5.")).toMatchObject({
      localDate: "2026-03-09",
      localTime: "17:00",
      dueAt: new Date("2026-03-09T22:00:00Z"),
      defaulted: false,
    });
  });
  it("tomorrow morning → 09:00", () => {
    expect(callback("User: Can you call me back tomorrow morning?")).toMatchObject({
      localDate: "2026-03-03",
      localTime: "09:00",
      dueAt: new Date("2026-03-03T15:00:00Z"),
    });
  });
  it("tomorrow at 6pm", () => {
    expect(callback("User: Call me tomorrow at 6pm.")).toMatchObject({ localTime: "18:00", dueAt: new Date("2026-03-04T00:00:00Z") });
  });
  it("Friday at lunchtime", () => {
    expect(callback("User: Could you call me on Friday at lunchtime instead?")).toMatchObject({
      localDate: "2026-03-06",
      localTime: "12:00",
    });
  });
  it("this evening around seven", () => {
    expect(callback("User: Call me this evening around seven.")).toMatchObject({ localDate: "2026-03-02", localTime: "19:00" });
  });
  it("a negated clause does not hide the time: I can't do this now. Call me tomorrow after six", () => {
    expect(callback("User: Look, I can't do this now. Call me tomorrow after six.")).toMatchObject({
      localDate: "2026-03-03",
      localTime: "18:00",
    });
  });
  it("the agent's read-back when the contact named no time", () => {
    expect(callback("User: Can you call later?\nAI: Certainly. I've scheduled a call back on Monday afternoon.")).toMatchObject({
      localDate: "2026-03-09",
      localTime: "14:00",
      evidence: { turn: 1 },
    });
  });
  it("nothing said → next business day 09:00, flagged defaulted", () => {
    expect(callback("User: Not now.\nAI: I'll call you back later.")).toMatchObject({
      localDate: "2026-03-03",
      localTime: "09:00",
      defaulted: true,
      evidence: null,
    });
  });
  it("requested on a Friday with no time → Monday 09:00 (after the weekend, in CDT)", () => {
    expect(callback("User: Not now.", FRIDAY)).toMatchObject({
      localDate: "2026-03-09",
      dueAt: new Date("2026-03-09T14:00:00Z"),
      defaulted: true,
    });
  });
});

describe("compliance-notes quirks (regression tests)", () => {
  it("chrono forwardDate: 'on Friday' said on Mon 2 Mar is Fri 6 Mar, not Fri 27 Feb", () => {
    expect(findDates("on Friday", MONDAY)[0]!.date).toBe("2026-03-06");
  });
  it("forwardDate pushes 'last Friday' forward, so it is routed to a payment claim", () => {
    const result = extractCall("PAYMENT PROMISE", parseTranscript(say("I paid last Friday.")), MONDAY, OPTIONS);
    expect(result.claims).toHaveLength(1);
    expect(result.promises[0]!.dueDate).toBeNull();
  });
  it("chrono ignores IANA names: the zone offset at the call's instant decides the day", () => {
    // 21:00 on Mon 2 Mar in Chicago is already Tue 3 Mar in UTC.
    const evening: CallClock = { instant: new Date("2026-03-03T03:00:00Z"), timeZone: "America/Chicago" };
    expect(findDates("tomorrow", evening)[0]!.date).toBe("2026-03-03");
    expect(findDates("tomorrow", { ...evening, timeZone: "UTC" })[0]!.date).toBe("2026-03-04");
  });
  it("'the 15th' and 'the 1st' parse (custom parser)", () => {
    expect(findDates("the 15th", MONDAY)[0]!.date).toBe("2026-03-15");
    expect(findDates("the 1st", MONDAY)[0]!.date).toBe("2026-04-01");
  });
  it("'first of next month' is the 1st, not the 2nd", () => {
    expect(findDates("first of next month", MONDAY).map((m) => m.date)).toEqual(["2026-04-01"]);
  });
  it("'next Friday' is the following week's Friday", () => {
    expect(findDates("next Friday", MONDAY)[0]!.date).toBe("2026-03-13");
  });
  it("'payday' is a date word without a date", () => {
    expect(findDates("on payday", MONDAY)).toEqual([expect.objectContaining({ date: null })]);
  });
  it("compromise reads spoken and written amounts with their unit", () => {
    expect(findAmounts("two hundred dollars")[0]).toMatchObject({ cents: 20000, unit: "word" });
    expect(findAmounts("one hundred and twenty five dollars")[0]).toMatchObject({ cents: 12500 });
    expect(findAmounts("$1,240.00")[0]).toMatchObject({ cents: 124000, unit: "symbol" });
  });
  it("'the 15th' is a number to compromise but not an amount", () => {
    expect(findAmounts("I'll pay the 15th")).toEqual([]);
  });
  it("'one fifty' has no unit: kept only after a payment verb, as bare (low confidence)", () => {
    expect(findAmounts("one fifty")).toEqual([]);
    expect(findAmounts("I can do one fifty")[0]).toMatchObject({ cents: 15000, unit: "bare", currency: null });
  });
  it("amounts after owe / balance / total are skipped", () => {
    expect(findAmounts("I owe $500")).toEqual([]);
    expect(findAmounts("the balance is $900")).toEqual([]);
    expect(findAmounts("the total is $300, I'll pay $300")).toHaveLength(1);
  });
  it("plans use rrule with a bounded count", () => {
    expect(promises(say("I'll pay $10 every Friday for 99 weeks."))).toHaveLength(24);
  });
});

describe("extraction is versioned and deterministic", () => {
  it("the same input gives the same output, tagged with the version", () => {
    const transcript = parseTranscript(say("I'll pay $50 every other Friday."));
    const a = extractCall("PAYMENT PROMISE", transcript, MONDAY, OPTIONS);
    expect(extractCall("PAYMENT PROMISE", transcript, MONDAY, OPTIONS)).toEqual(a);
    expect(a.version).toBe(EXTRACTION_VERSION);
  });
  it("non-promise outcomes extract no promises", () => {
    expect(extractCall("NOT INTERESTED", parseTranscript(say("I'll pay $50 on Friday.")), MONDAY, OPTIONS)).toMatchObject({
      promises: [],
      callback: null,
    });
  });
});

describe("demo-data regressions (measured over 11,382 generated calls)", () => {
  it("a yes to an unrelated question ('continue with me for now?') is not a read-back: chrono reads 'now' as a date", () => {
    const p = one(
      "AI: Would you like to continue with me for now?\nUser: Fine, let's just continue. I can pay $92.00 on Sunday, March 22.\nAI: Thank you.",
    );
    expect(p).toMatchObject({ source: "contact_commitment", amountCents: 9200, dueDate: "2026-03-22" });
  });

  it("the debt amount before an unrelated question is not a read-back ('Is this still your number?' / 'Yes')", () => {
    const p = one(
      "User: I can pay $40.00 on Friday, March 13.\nAI: The amount needed to bring the account current is $511.42. Is this still the best phone number to reach you on?\nUser: Yes, this is my cell.",
    );
    expect(p).toMatchObject({ source: "contact_commitment", amountCents: 4000, dueDate: "2026-03-13" });
  });

  it("an extension offered as a statement and accepted ('Fine. I'll take the extension.')", () => {
    const p = one(
      "AI: The best I can offer is an extension to Tuesday, March 24, with AED 2,638.88 due on that date.\nUser: Fine. I'll take the extension.",
      "PAYMENT EXTENSION",
    );
    expect(p).toMatchObject({ source: "ai_confirmation", confidence: "high", amountCents: 263888, currency: "AED", dueDate: "2026-03-24" });
  });

  it("the agent's acknowledgement supplies the amount the contact's request left out", () => {
    const p = one(
      "User: Could you give me until Monday, March 30?\nAI: Yes, I've approved an extension to Monday, March 30. Please pay MX$1,300.86 by then to keep the account in good standing.",
      "PAYMENT EXTENSION",
    );
    expect(p).toMatchObject({
      source: "contact_commitment",
      amountCents: 130086,
      currency: "MXN",
      dueDate: "2026-03-30",
      evidence: { turn: 0 },
      acknowledgement: { turn: 1 },
    });
  });
});

describe("chrono and written amounts", () => {
  it("'$24.00 on Sunday, February 22' still gives the date (chrono drops the whole match when it tries 24.00 as a time)", () => {
    const clock: CallClock = { instant: new Date("2026-02-17T14:50:00Z"), timeZone: "America/New_York" };
    expect(one(say("I can pay $24.00 on Sunday, February 22."), "PAYMENT PROMISE", clock)).toMatchObject({
      amountCents: 2400,
      dueDate: "2026-02-22",
    });
    expect(findDates("I can pay £24.49 on Sunday, March 15.", clock)[0]!.date).toBe("2026-03-15");
  });
});

describe("ordinals that are not days of the month", () => {
  it("'the first payment of $50 on Friday' is due Friday, not on the 1st", () => {
    expect(one(say("I'll make the first payment of $50 on Friday."))).toMatchObject({ amountCents: 5000, dueDate: "2026-03-06" });
  });
  it("'the second time' is no date; 'the second of next month' and 'the 2nd, okay' are", () => {
    expect(findDates("this is the second time you called", MONDAY)).toEqual([]);
    expect(findDates("the second of next month", MONDAY)[0]!.date).toBe("2026-04-02");
    expect(findDates("the 5th, okay?", MONDAY)[0]!.date).toBe("2026-03-05");
  });
});

describe("deferral is not refusal", () => {
  it("'I can't pay until Friday' is a commitment to Friday", () => {
    expect(one(say("I can't pay until Friday, then I'll send $80."))).toMatchObject({
      dueDate: "2026-03-06",
      amountCents: 8000,
      source: "contact_commitment",
    });
    expect(one(say("I won't have the $120 until the 15th."))).toMatchObject({ dueDate: "2026-03-15", amountCents: 12000 });
  });
});
