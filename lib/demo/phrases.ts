/**
 * What demo calls say. Plain data: the generator compiles it once at start-up.
 *
 * An exchange is a few lines, each starting "A: " (the AI agent) or "U: " (the
 * contact); the speaker labels are chosen per call. `moods` limits an exchange
 * to calls with those sentiments, so a hostile line never lands in a friendly
 * call. Slots such as {amount} are listed in template.ts.
 */

export type Mood = "POSITIVE" | "NEUTRAL" | "NEGATIVE";

export interface ExchangeSource {
  moods?: readonly Mood[];
  lines: readonly string[];
}

const POS: readonly Mood[] = ["POSITIVE"];
const NEG: readonly Mood[] = ["NEGATIVE"];
const NOT_NEG: readonly Mood[] = ["POSITIVE", "NEUTRAL"];
const NOT_POS: readonly Mood[] = ["NEUTRAL", "NEGATIVE"];

/** The speaker label pairs seen in real transcripts, with rough frequencies. */
export const SPEAKER_LABELS: ReadonlyArray<readonly [readonly [string, string], number]> = [
  [["AI", "User"], 62],
  [["Agent", "Customer"], 14],
  [["Assistant", "Debtor"], 10],
  [["AI", "Contact"], 8],
  [["Assistant", "User"], 4],
  [["Bot", "Human"], 2],
];

export const AGENT_NAMES = ["Ava", "Sam", "Maya", "Leo", "Nora", "Ethan", "Zoe", "Owen"] as const;

export const OPENINGS = [
  "Hi, this is {agent}, a virtual assistant calling on behalf of {creditor}. May I speak with {full}, please?",
  "Hello, my name is {agent} and I'm an automated assistant calling from {creditor}. Am I speaking with {full}?",
  "Hi there, this is {agent} with {creditor}. I'm trying to reach {first} {last}. Is that you?",
  "Hello, this is {agent}, an AI assistant calling for {creditor} about a personal business matter. Is this {first}?",
  "Good day, this is {agent} from {creditor}. I'm looking for {full}. Have I reached the right person?",
];

export const OPENING_REPLIES: Record<Mood, readonly string[]> = {
  POSITIVE: [
    "Yes, this is {first}. Hi.",
    "Speaking. Oh, I think I know what this is about.",
    "Yes, that's me. Thanks for calling.",
    "Hi, yes, this is {first}. I was actually going to call you.",
  ],
  NEUTRAL: ["Yeah, this is {first}.", "Speaking.", "Yes. Who did you say you were with?", "This is {first}, yes. What's this about?"],
  NEGATIVE: [
    "Who is this? How did you get this number?",
    "Yeah, what do you want?",
    "This is {first}. Is this about that bill again?",
    "Ugh. Yes. What now?",
  ],
};

export const WRONG_NUMBER_REPLIES = [
  "No, there's no {first} here. I think you have the wrong number.",
  "Who? No, you've got the wrong number.",
  "I'm sorry, I don't know anyone named {full}. Wrong number.",
  "No, this is {stranger}. You have the wrong number.",
];

export const VERIFICATIONS: readonly ExchangeSource[] = [
  {
    lines: [
      "A: Before we continue, please note this call is recorded. This is an attempt to collect a debt and any information obtained will be used for that purpose. To verify your identity, can you confirm the last four digits of your account?",
      "U: It's {last4}.",
      "A: Thank you, {first}. You're verified.",
    ],
    moods: NOT_NEG,
  },
  {
    lines: [
      "A: This call may be recorded for quality purposes. For your security, could you confirm the last four digits of the account number?",
      "U: Sure, {last4}.",
      "A: Thanks, that matches our records.",
    ],
    moods: NOT_NEG,
  },
  {
    lines: [
      "A: Before we go on, I need to let you know this is an attempt to collect a debt, and the call is recorded. Can you verify the last four digits of your account for me?",
      "U: Fine. {last4}. Can we get on with it?",
      "A: Thank you, you're verified.",
    ],
    moods: NEG,
  },
  {
    lines: [
      "A: For verification, could you please confirm the last four digits on the account?",
      "U: I'm not giving you anything until you tell me what this is about. Fine, it's {last4}.",
      "A: Thank you, {first}. I appreciate that.",
    ],
    moods: NEG,
  },
];

export const PURPOSES = [
  "I'm calling about your {product} with {creditor}. Our records show a past-due amount of {pastDue}, and the account is {days} days behind.",
  "The reason for my call is your {product}. There is a balance of {balance}, of which {pastDue} is past due.",
  "I'm reaching out because your {creditor} {product} has a past-due balance of {pastDue}. I'd like to help you find a way to get it up to date.",
  "Your {product} ending in {last4} is {days} days past due, with {pastDue} outstanding. I'm calling to see how we can resolve that.",
];

export const PURPOSE_REPLIES: Record<Mood, readonly string[]> = {
  POSITIVE: [
    "Yes, I know, I've been meaning to take care of that.",
    "Right, I saw the letter. I want to get it sorted out.",
    "Okay, yes. I'd like to get that paid off.",
  ],
  NEUTRAL: [
    "Okay. I wasn't sure what the exact amount was.",
    "Okay, I know it's behind.",
    "Alright. I've been busy and haven't looked at it.",
  ],
  NEGATIVE: [
    "I already told the last person I can't pay right now.",
    "That number doesn't look right to me.",
    "You people call me every single day about this.",
  ],
};

/** Middle-of-call exchanges that fit any call in which the debtor was reached. */
export const GENERIC_EXCHANGES: readonly ExchangeSource[] = [
  {
    lines: [
      "A: Can I ask whether the balance I mentioned matches your records?",
      "U: I think so. I had it as a little less, but that's probably the late fee.",
      "A: Yes, the difference is the late fee added on the last statement.",
    ],
  },
  { lines: ["A: Is this still the best phone number to reach you on?", "U: Yes, this is my cell.", "A: Thank you, I've noted that."] },
  {
    lines: [
      "A: Would you like us to send a copy of your latest statement by email?",
      "U: Yes, please send it to the email you have on file.",
      "A: Done. You'll receive it within the hour.",
    ],
    moods: NOT_NEG,
  },
  { lines: ["A: Just so you know, bringing the account current stops further late fees.", "U: Okay, good to know."] },
  {
    lines: [
      "A: Can you tell me a little about your situation, so I can see which options fit?",
      "U: {excuse}",
      "A: Thank you for sharing that, {first}. I understand, and we'll try to find something that works.",
    ],
  },
  {
    lines: [
      "U: How did the balance get this high?",
      "A: The account has been behind for {days} days, so the missed payments and the late fees have added up to {balance}.",
      "U: Wow. Okay.",
    ],
  },
  {
    lines: [
      "U: Is this going to affect my credit?",
      "A: Accounts that stay past due can be reported to the credit bureaus. Bringing it current helps you avoid that.",
    ],
  },
  {
    lines: [
      "A: We also offer a hardship program for customers going through a difficult time.",
      "U: What does that involve?",
      "A: It can lower the monthly amount for a few months. I can text you the details after this call.",
    ],
  },
  {
    lines: [
      "U: Can I talk to a real person?",
      "A: Of course. I can transfer you to a specialist or have someone call you. Would you like to continue with me for now?",
      "U: Fine, let's just continue.",
    ],
    moods: NOT_POS,
  },
  {
    lines: [
      "A: Do you have online access to your account?",
      "U: I had it, but I forgot the password.",
      "A: No problem, I can text you a reset link after this call.",
    ],
  },
  {
    lines: ["U: Sorry, can you repeat the amount?", "A: Certainly. The past-due amount is {pastDue}, and the full balance is {balance}."],
  },
  { lines: ["A: I also want to confirm your mailing address is still current.", "U: Yes, nothing has changed."] },
  {
    lines: [
      "U: Why am I only hearing about this now?",
      "A: We sent statements and two letters over the last two months. I'm sorry if those didn't reach you.",
      "U: I never got any letters.",
    ],
    moods: NOT_POS,
  },
  {
    lines: [
      "U: Honestly, I'm tired of getting these calls.",
      "A: I understand, {first}, and I'm sorry for the frustration. Resolving the past-due amount is the quickest way to stop the reminders.",
    ],
    moods: NEG,
  },
  {
    lines: [
      "U: I really appreciate you being patient with me.",
      "A: Of course, {first}. We want to make this as easy as possible for you.",
    ],
    moods: POS,
  },
  {
    lines: [
      "A: Is there a particular day of the month that works better for your payments?",
      "U: Right after payday is easiest for me.",
      "A: That's helpful. We can align reminders with that.",
    ],
  },
  {
    lines: [
      "U: Do you take payments over the phone?",
      "A: Yes, I can take a debit card or bank payment right now, or you can use the online portal.",
    ],
  },
  {
    lines: [
      "U: Will the late fees be removed if I pay?",
      "A: I can't waive fees myself, but I can note your request and a specialist will review it.",
      "U: Please do.",
    ],
  },
  {
    lines: [
      "A: Are you currently working with a debt counselling service or an attorney on this account?",
      "U: No, I'm not.",
      "A: Thank you for confirming.",
    ],
  },
  {
    lines: [
      "U: What's the minimum I'd need to pay to keep it from getting worse?",
      "A: The amount needed to bring the account current is {pastDue}.",
    ],
  },
  {
    lines: [
      "U: That seems like a lot for what I actually used.",
      "A: I understand. If you believe there's an error, you can request an itemised statement and we'll review it.",
      "U: Maybe I will.",
    ],
    moods: NOT_POS,
  },
  { lines: ["A: Can I confirm you're the only account holder?", "U: Yes, it's just in my name."] },
  {
    lines: ["A: I see the last payment we received was a while ago.", "U: Yeah, things have been tight since then."],
  },
  {
    lines: [
      "U: Is interest still being added while it's past due?",
      "A: Interest continues under the account terms, so the sooner it's current, the less it costs overall.",
    ],
  },
  {
    lines: [
      "A: Would text message reminders before the due date be helpful?",
      "U: Yes, actually, that would help.",
      "A: I've turned those on for you.",
    ],
    moods: NOT_NEG,
  },
  { lines: ["U: Hold on a second, let me grab a pen.", "A: Take your time.", "U: Okay, go ahead."] },
  {
    lines: [
      "A: I want to make sure you know your options: paying in full, a payment plan, or a short extension.",
      "U: Okay, let me think about which one makes sense.",
    ],
  },
  {
    lines: [
      "U: You're a robot, right?",
      "A: I'm an AI assistant working for {creditor}, yes. I can help with most things, and I can connect you to a person whenever you like.",
      "U: Whatever. Go on.",
    ],
    moods: NEG,
  },
  {
    lines: [
      "U: Wait, are you a real person?",
      "A: I'm a virtual assistant for {creditor}. I can help with your account, or connect you with a team member if you prefer.",
      "U: No, that's fine.",
    ],
    moods: NOT_NEG,
  },
  { lines: ["A: Just to confirm, the account I'm calling about ends in {last4}.", "U: Yes, that's the one."] },
  {
    lines: ["U: Can I get a receipt for anything I pay?", "A: Yes, a confirmation is sent by text and email for every payment."],
  },
  {
    lines: ["U: Sorry, it's a bit loud here. Can you speak up?", "A: Of course. Is this better?", "U: Yes, that's better, thanks."],
  },
  {
    lines: [
      "A: Has anything changed with your employment or income since the account was opened?",
      "U: {excuse}",
      "A: I'm sorry to hear that. I'll make a note on the account.",
    ],
  },
  {
    lines: ["U: If I pay this, will you stop calling me?", "A: Yes. Once the account is current, these reminder calls stop."],
    moods: NOT_POS,
  },
];

/** Per outcome: extra middle exchanges, the resolution (which states the outcome) and the goodbye. */
export interface OutcomeScript {
  exchanges: readonly ExchangeSource[];
  resolutions: readonly ExchangeSource[];
  closings: readonly ExchangeSource[];
  /** Whether the generic middle exchanges fit (not when the debtor was never reached). */
  generic: boolean;
}

const POLITE_CLOSINGS: readonly ExchangeSource[] = [
  { lines: ["A: Thank you for your time, {first}. Have a great day.", "U: You too, bye."], moods: NOT_NEG },
  {
    lines: ["A: Is there anything else I can help you with today?", "U: No, that's all.", "A: Thanks again, {first}. Goodbye."],
  },
  { lines: ["A: Thank you, {first}. You'll get a confirmation by text shortly. Goodbye.", "U: Okay. Bye."] },
  { lines: ["A: Thanks for your time today. Goodbye.", "U: Yeah. Bye."], moods: NOT_POS },
];

export const OUTCOME_SCRIPTS: Record<string, OutcomeScript> = {
  "PAYMENT PROMISE": {
    generic: true,
    exchanges: [
      {
        lines: ["U: I get paid next week, so I can't do it today.", "A: That's fine. We can schedule it for a date that works for you."],
      },
      { lines: ["A: How would you like to pay when the time comes?", "U: Probably by {method}."] },
      {
        lines: [
          "U: Can I pay less than the full past-due amount?",
          "A: A partial payment helps, and we can plan the rest afterwards.",
          "U: Okay.",
        ],
      },
      {
        lines: ["A: If you can commit to a date, I'll send you a reminder the day before.", "U: That would help, I forget things easily."],
        moods: NOT_NEG,
      },
    ],
    resolutions: [
      {
        lines: [
          "U: I can pay {amount} on {date}.",
          "A: Thank you, {first}. I've recorded your promise to pay {amount} on {date}. You'll get a reminder the day before.",
        ],
      },
      {
        lines: [
          "A: Could you commit to a payment date?",
          "U: I can do {date}. I'll pay {amount} by {method}.",
          "A: Perfect. I've scheduled your promise of {amount} for {date}.",
        ],
      },
      {
        lines: ["A: So, to confirm, you're promising to pay {amount} on {date} by {method}. Is that correct?", "U: Yes, that's right."],
        moods: NOT_NEG,
      },
      {
        lines: [
          "A: So, to confirm, you will pay {amount} on {date}. Is that correct?",
          "U: Yes. Fine. {date}. Now please stop calling.",
          "A: Understood. The promise of {amount} on {date} is noted.",
        ],
        moods: NEG,
      },
    ],
    closings: POLITE_CLOSINGS,
  },
  "PAYMENT EXTENSION": {
    generic: true,
    exchanges: [
      {
        lines: ["U: {excuse}", "A: I'm sorry to hear that. Let me see what flexibility we have on your due date."],
      },
      {
        lines: ["U: I just need a few more weeks.", "A: I understand. An extension would move your due date without additional late fees."],
      },
      {
        lines: ["A: Do you expect your situation to improve over the next month?", "U: I think so. Things should settle down soon."],
      },
      {
        lines: [
          "U: I can't pay anything this week, that's just the reality.",
          "A: That's okay. Let's look at moving the due date instead.",
        ],
        moods: NOT_POS,
      },
    ],
    resolutions: [
      {
        lines: [
          "A: I can extend your due date to {extDate}. The amount due then would be {amount}. Does that work for you?",
          "U: Yes, {extDate} works.",
          "A: Great. Your extension to {extDate} is confirmed.",
        ],
      },
      {
        lines: [
          "U: Could you give me until {extDate}?",
          "A: Yes, I've approved an extension to {extDate}. Please pay {amount} by then to keep the account in good standing.",
          "U: Okay, thank you.",
        ],
      },
      {
        lines: [
          "A: The best I can offer is an extension to {extDate}, with {amount} due on that date.",
          "U: Fine. I'll take the extension.",
          "A: Done. The new due date is {extDate}.",
        ],
        moods: NOT_POS,
      },
    ],
    closings: POLITE_CLOSINGS,
  },
  "PAYMENT COMPLETED": {
    generic: true,
    exchanges: [
      { lines: ["A: Do you have your card handy?", "U: Yes, one second.", "U: Okay, I've got it."] },
      {
        lines: [
          "A: When you're ready, please read me the card number. For your security, it won't appear in this transcript.",
          "U: [card number redacted]",
          "A: Thank you. And the expiry date and security code?",
          "U: [redacted]",
        ],
      },
      {
        lines: ["U: I'd rather just pay it now and be done with it.", "A: Of course, I can take care of that for you right now."],
      },
    ],
    resolutions: [
      {
        lines: [
          "U: I'd like to pay the {amount} today with my {method}.",
          "A: One moment while I process that.",
          "A: The payment of {amount} went through. Your confirmation number is {conf}.",
          "U: Great, thanks.",
        ],
      },
      {
        lines: [
          "A: Your payment of {amount} has been processed successfully. Your confirmation number is {conf}.",
          "U: Perfect. So the account is up to date now?",
          "A: Yes, the past-due amount is paid.",
        ],
      },
      {
        lines: [
          "A: I've processed {amount} from your {method}. The confirmation number is {conf}.",
          "U: Fine. Send me the receipt.",
          "A: It's on its way by email.",
        ],
        moods: NOT_POS,
      },
    ],
    closings: [
      {
        lines: ["A: Your account is now up to date. Thank you, {first}, and have a good day.", "U: Thanks, you too."],
        moods: NOT_NEG,
      },
      ...POLITE_CLOSINGS,
    ],
  },
  "CALL BACK REQUESTED": {
    generic: true,
    exchanges: [
      { lines: ["U: I'm at work right now, I can't really talk.", "A: I understand."] },
      {
        lines: [
          "U: I need to check my bank balance before I commit to anything.",
          "A: That makes sense. We can pick this up once you've had a look.",
        ],
      },
      {
        lines: [
          "U: My partner usually handles the bills. I need to talk to them first.",
          "A: Of course. Would it help if I called back when you've both had a chance to talk?",
          "U: Yes, that would be better.",
        ],
      },
      { lines: ["U: I'm driving at the moment.", "A: Then let's not keep you. Safety first."] },
    ],
    resolutions: [
      {
        lines: [
          "A: When would be a better time to call you back?",
          "U: Could you call me {callback} instead?",
          "A: Noted. I'll call you back {callback}.",
        ],
      },
      {
        lines: ["U: Can you call me back {callback}?", "A: Certainly. I've scheduled a call back {callback}."],
      },
      {
        lines: ["U: Look, I can't do this now. Call me {callback}.", "A: Understood. I'll call you back {callback}."],
        moods: NOT_POS,
      },
    ],
    closings: [
      { lines: ["A: Thank you, {first}. Talk to you then.", "U: Okay, bye."] },
      { lines: ["A: I'll let you go. Goodbye, {first}."] },
    ],
  },
  "NOT INTERESTED": {
    generic: true,
    exchanges: [
      {
        lines: [
          "U: I don't want to discuss this over the phone.",
          "A: I understand. You can also respond in writing or through the online portal.",
        ],
      },
      {
        lines: [
          "U: I'm not paying anything until I see proof I owe this.",
          "A: You have the right to request validation of the debt. I can send that information by mail.",
        ],
        moods: NOT_POS,
      },
      {
        lines: [
          "U: {excuse} So no, I'm not paying anything right now.",
          "A: I understand. If your situation changes, you can reach us any time.",
        ],
      },
      {
        lines: ["A: Even a small payment would help keep the account from going further behind.", "U: I said no. I'm not interested."],
        moods: NOT_POS,
      },
      {
        lines: [
          "U: I'm sorry, I appreciate the call, but I'm just not in a position to deal with this.",
          "A: Thank you for being honest with me, {first}.",
        ],
        moods: POS,
      },
    ],
    resolutions: [
      {
        lines: [
          "U: I'm not interested. Please don't call me again.",
          "A: I understand. I've noted that you don't wish to discuss a payment at this time.",
        ],
      },
      {
        lines: [
          "A: Would you like to set up any kind of payment arrangement, even a small one?",
          "U: No. I'm not interested.",
          "A: Okay, {first}. I've recorded that. The past-due balance of {pastDue} remains on the account.",
        ],
      },
      {
        lines: ["U: I'm not interested in any payment plan. Take me off your list.", "A: Understood. I've recorded your request."],
        moods: NOT_POS,
      },
    ],
    closings: [
      { lines: ["A: Thank you for your time. Goodbye."] },
      { lines: ["A: If you change your mind, you can reach {creditor} any time. Goodbye.", "U: Bye."] },
    ],
  },
  "WRONG NUMBER": {
    generic: false,
    exchanges: [
      { lines: ["A: I apologize. Do you know {full}, or how we could reach them?", "U: No, I don't know anyone by that name."] },
      { lines: ["U: I've had this number for about two years now.", "A: Thank you, that's helpful."] },
      {
        lines: ["U: I keep getting calls for this person.", "A: I'm sorry about that. I'll make sure this number is removed."],
        moods: NOT_POS,
      },
      { lines: ["U: My name is {stranger}, and this is my personal cell.", "A: Thank you, {stranger}. I'm sorry to bother you."] },
      {
        lines: [
          "U: Is this some kind of scam?",
          "A: No, I'm a virtual assistant calling on behalf of {creditor}. I can't share details, since you're not the person we're trying to reach.",
        ],
      },
      {
        lines: ["A: For our records, could you confirm this number isn't associated with {first} at all?", "U: That's right. It's not."],
      },
      { lines: ["U: What's this about, anyway?", "A: I'm sorry, I can only discuss it with {full}. Thank you for understanding."] },
      {
        lines: ["U: Maybe it was the person who had this number before me.", "A: That's possible. Numbers are sometimes reassigned."],
      },
      {
        lines: ["U: Seriously, this is the third call this week.", "A: I apologize for that, {stranger}. It won't happen again."],
        moods: NEG,
      },
      { lines: ["U: No worries, it happens.", "A: Thank you for being so understanding."], moods: POS },
      {
        lines: ["A: Just to be sure I have it right, this is not the number for {full}?", "U: Correct. Wrong number."],
      },
    ],
    resolutions: [
      {
        lines: [
          "A: I apologize for the inconvenience. I've recorded this as a wrong number and it will be removed from our calling list.",
          "U: Thanks.",
        ],
      },
      {
        lines: [
          "U: Can you take me off your list?",
          "A: Yes. I'm marking this as a wrong number now, so you won't be called about this account again.",
        ],
      },
    ],
    closings: [{ lines: ["A: Have a good day.", "U: Bye."] }, { lines: ["A: Sorry again for the trouble. Goodbye."] }],
  },
  // The example payload in Levers' docs says CALL_RESULT: an outcome outside the documented set.
  CALL_RESULT: {
    generic: true,
    exchanges: [
      {
        lines: [
          "U: I'd like to see something in writing before I do anything.",
          "A: That's your right. I can send a written notice of the debt.",
        ],
      },
      {
        lines: [
          "U: I think I already paid part of this. I need to check my records.",
          "A: Of course. If you find a payment we don't show, please send us the details.",
        ],
      },
    ],
    resolutions: [
      {
        lines: [
          "A: I'll send a written notice of the debt to your address on file within five business days. Once you've reviewed it, you can call us or pay online.",
          "U: Okay, send it and I'll look at it.",
        ],
      },
    ],
    closings: POLITE_CLOSINGS,
  },
};

export const EXCUSES = [
  "I lost my job last month and I'm still waiting on unemployment.",
  "My hours at work got cut, so money's been really tight.",
  "I had an unexpected medical bill this month.",
  "My car broke down and the repair took everything I had.",
  "I'm waiting on my tax refund to come through.",
  "I just moved, and the deposit on the new place wiped me out.",
  "I've been off work sick for a few weeks.",
  "My paycheck was delayed because of a payroll problem at work.",
  "I've been helping a family member who's in the hospital.",
  "I'm between contracts right now. The next one starts soon.",
  "My rent went up and I'm still adjusting my budget.",
  "I got hit with a big bill for the kids' school.",
];

export const CALLBACK_TIMES = [
  "tomorrow morning",
  "tomorrow after six",
  "on Monday afternoon",
  "later this week",
  "this evening around seven",
  "on Friday at lunchtime",
  "the day after tomorrow",
  "next week",
];

// Phrased to fit "by …", "with my …", "from your …" and "using their …".
export const PAYMENT_METHODS = ["debit card", "credit card", "Visa debit card", "Mastercard", "bank card"];

export const STRANGERS = ["Kevin", "Linda", "Marcus", "Priya", "Tom", "Aisha", "Dave", "Rosa", "Greg", "Mei"];

export const VOICEMAIL =
  "A: Hi, this message is for {first}. This is {agent} calling on behalf of {creditor} about your account. Please call us back at your earliest convenience. Thank you.";

export const SUMMARIES: Record<string, readonly string[]> = {
  "PAYMENT PROMISE": [
    "{full} agreed to pay {amount} on {date} toward the past-due {product} balance with {creditor}.",
    "Debtor confirmed identity and promised a payment of {amount} by {date} via {method}.",
    "Customer acknowledged the past-due balance of {pastDue} and committed to paying {amount} on {date}.",
  ],
  "PAYMENT EXTENSION": [
    "{full} explained a temporary hardship and was granted an extension to {extDate}; {amount} will be due then.",
    "Debtor asked for more time. Due date moved to {extDate} for {amount}.",
    "Customer could not pay the {pastDue} past-due amount now; extension approved until {extDate}.",
  ],
  "PAYMENT COMPLETED": [
    "{full} paid {amount} by {method} during the call. Confirmation {conf}.",
    "Payment of {amount} processed successfully and the {product} brought current. Confirmation number {conf}.",
    "Debtor settled the past-due {pastDue} on the {creditor} {product}; confirmation {conf} sent by email.",
  ],
  "CALL BACK REQUESTED": [
    "{full} could not talk and asked to be called back {callback}.",
    "Debtor requested a call back {callback} before discussing the {pastDue} past-due balance.",
    "Contact reached but busy; call back scheduled {callback}.",
  ],
  "NOT INTERESTED": [
    "{full} declined to discuss the {pastDue} past-due balance and asked not to be called again.",
    "Debtor refused any payment arrangement for the {creditor} {product}.",
    "Contact verified but not interested in paying or setting up a plan.",
  ],
  "WRONG NUMBER": [
    "The person who answered ({stranger}) does not know {full}. Number flagged as wrong.",
    "Wrong number: the contact stated the number does not belong to {full}.",
    "Reached someone other than the debtor; number to be removed from the {creditor} campaign.",
  ],
  CALL_RESULT: [
    "{full} asked for written validation of the debt before making any decision.",
    "Debtor requested a written notice of the {pastDue} balance; no commitment made.",
  ],
};

export const OUTCOME_REASONING: Record<string, readonly string[]> = {
  "PAYMENT PROMISE": [
    "The contact confirmed their identity and explicitly committed to paying {amount} on {date}. A specific amount and date were agreed and repeated back for confirmation, which meets the definition of a payment promise. No payment was taken during the call.",
    "{first} acknowledged the debt with {creditor} and stated they would pay {amount} by {date} using their {method}. Because the commitment includes both an amount and a date, the call is classified as PAYMENT PROMISE rather than a call back or an extension.",
    "The debtor agreed to a dated payment of {amount} on {date}. The commitment was specific and voluntary, so the outcome is a payment promise.",
  ],
  "PAYMENT EXTENSION": [
    "The contact did not dispute the balance but explained a temporary financial hardship and asked for more time. The due date was moved to {extDate} with {amount} due then, so the outcome is a payment extension rather than a promise on the original schedule.",
    "{first} could not pay the {pastDue} past-due amount on the current schedule and requested an extension. An extension to {extDate} was agreed, which is classified as PAYMENT EXTENSION.",
  ],
  "PAYMENT COMPLETED": [
    "A payment of {amount} was taken during the call by {method} and the processor returned confirmation number {conf}. Because funds were actually collected, the call is classified as PAYMENT COMPLETED.",
    "The debtor paid {amount} during the conversation and received confirmation {conf}. A completed transaction takes precedence over any promise, so the outcome is PAYMENT COMPLETED.",
  ],
  "CALL BACK REQUESTED": [
    "The contact was reached but asked to continue the conversation {callback}. No payment, promise or refusal was given, so the outcome is a call back request.",
    "{first} confirmed their identity but could not discuss the account at the time and asked for a call {callback}. With no commitment either way, the call is classified as CALL BACK REQUESTED.",
  ],
  "NOT INTERESTED": [
    "The contact was reached and verified but declined to discuss payment or any arrangement, and asked not to be contacted again. No commitment was obtained, so the call is classified as NOT INTERESTED.",
    "{first} refused every option offered (payment in full, a plan, an extension) without giving a date for further contact. This is a clear refusal, classified as NOT INTERESTED.",
  ],
  "WRONG NUMBER": [
    "The person who answered stated that they are not {full} and do not know them. The number does not reach the intended debtor, so the outcome is WRONG NUMBER and the number should be removed.",
    "The contact identified themselves as {stranger} and confirmed the number is not associated with {first}. Classified as WRONG NUMBER.",
  ],
  CALL_RESULT: [
    "The conversation ended without a payment, promise, extension, call back or refusal: the contact asked for written validation of the debt first. None of the standard categories applies, so a generic call result is recorded.",
  ],
};

/** Sentiment reasoning by kind of call, so the explanation fits what happened. */
export type CallKind = "paying" | "deferring" | "refusing" | "wrong" | "other";

export const OUTCOME_KIND: Record<string, CallKind> = {
  "PAYMENT PROMISE": "paying",
  "PAYMENT EXTENSION": "paying",
  "PAYMENT COMPLETED": "paying",
  "CALL BACK REQUESTED": "deferring",
  "NOT INTERESTED": "refusing",
  "WRONG NUMBER": "wrong",
  CALL_RESULT: "other",
};

export const SENTIMENT_REASONING: Record<CallKind, Record<Mood, readonly string[]>> = {
  paying: {
    POSITIVE: [
      "{first} was friendly and cooperative throughout, thanked the assistant and readily agreed to the proposed arrangement.",
      "The contact sounded relieved to have a plan and engaged constructively with the options offered.",
    ],
    NEUTRAL: [
      "The contact was calm and matter-of-fact, answering questions briefly without strong emotion either way.",
      "{first} was cooperative but reserved, focused on the practical details of the payment.",
    ],
    NEGATIVE: [
      "Although the contact agreed to an arrangement, they were irritated about the fees and repeated calls, and their tone stayed curt throughout.",
      "The contact was stressed and defensive about their finances and agreed only reluctantly.",
    ],
  },
  deferring: {
    POSITIVE: [
      "The contact was polite and apologetic about not being able to talk, and willingly offered a better time.",
      "{first} was warm and receptive, and clearly intended to continue the conversation later.",
    ],
    NEUTRAL: [
      "The contact was brief and neutral, focused on ending the call and rescheduling.",
      "{first} showed little emotion and simply asked for another time.",
    ],
    NEGATIVE: [
      "The contact was annoyed at being called at an inconvenient time and cut the conversation short.",
      "{first} sounded impatient and irritated, and pushed for the call to end quickly.",
    ],
  },
  refusing: {
    POSITIVE: ["Although the contact declined, they stayed courteous and thanked the assistant for the information."],
    NEUTRAL: [
      "The contact declined calmly and without hostility, giving short answers.",
      "{first} was flat and disengaged, refusing without raising their voice.",
    ],
    NEGATIVE: [
      "The contact was hostile and frustrated, interrupted the assistant and demanded that the calls stop.",
      "{first} was angry about the debt and the calls, disputed the amount and refused to engage.",
    ],
  },
  wrong: {
    POSITIVE: ["The person who answered was friendly and helpful, happy to confirm it was a wrong number."],
    NEUTRAL: [
      "The person who answered was neutral and brief, simply stating it was the wrong number.",
      "The contact was indifferent and ended the call once the mistake was clear.",
    ],
    NEGATIVE: ["The person who answered was annoyed about receiving repeated calls for someone they don't know."],
  },
  other: {
    POSITIVE: ["The contact was open and polite, and willing to look at the written notice."],
    NEUTRAL: ["The contact was cautious and businesslike, neither cooperative nor resistant."],
    NEGATIVE: ["The contact was suspicious and guarded, and insisted on documentation before anything else."],
  },
};
