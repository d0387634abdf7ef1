import { DEMO_BUCKET, type DemoPayload, type GeneratedCall } from "./generate";
import durations from "./recordings/durations.json";
import { base62, mulberry32, seedFromString, uuid4 } from "./rng";

/**
 * Hand-written demo calls that tests and people look for by
 * `requestMetadata.extra_id`: six whose recordings ship with the project and
 * really play (their words are the transcript), one plain-text transcript and
 * one full of markup for the XSS test. All land in the last 13 hours so they
 * are on the first page of the calls list.
 */

export interface ShowcaseCall {
  extraId: string;
  /** Minutes before `now` that the call was received. */
  minutesAgo: number;
  /** Object key inside the demo bucket, when a recording ships with the project. */
  recordingKey?: string;
  /** espeak-ng voices for the agent and the contact (see make-recordings.ts). */
  voices?: { agent: string; contact: string };
  payload: Omit<DemoPayload, "metadata" | "duration"> & {
    duration?: number;
    metadata: { requestMetadata: Record<string, string | number> };
  };
}

export const RECORDINGS_BUCKET = DEMO_BUCKET;

const meta = (projectId: string, extraId: string, extra: Record<string, string | number> = {}) => ({
  requestMetadata: { project_id: projectId, extra_id: extraId, ...extra },
});

export const SHOWCASE_CALLS: readonly ShowcaseCall[] = [
  {
    extraId: "demo-recording-1",
    minutesAgo: 35,
    recordingKey: "livekit-egress/79ed6735-6076-4c3f-b472-d5cead5f0834/23c52c81-1528-4a57-b6d3-4d283c6e6f1c/recording_1795003200.mp3",
    voices: { agent: "en-us+f3", contact: "en-us+f2" },
    payload: {
      providerCallId: "01a1ee87-3200-7d33-b46e-5a26373e35d2",
      numberFrom: "+15074106928",
      numberTo: "+12025550143",
      providerStatus: "pass",
      deliveryStatus: "pass",
      summary: "Maria Lopez promised to pay the past-due $412.50 on her auto loan this Friday, after payday.",
      endedReason: "assistant-ended-call",
      callOutput: "PAYMENT PROMISE",
      callOutputReasoning:
        "The contact confirmed her identity and committed to paying the full past-due amount of $412.50 on Friday. A specific amount and date were agreed, which meets the definition of a payment promise.",
      sentimentOutput: "POSITIVE",
      sentimentOutputReasoning: "Maria was cooperative and friendly, and volunteered a payment date without pushback.",
      transcription: [
        "AI: Hi, this is Ava from Summit Auto Finance. Is this Maria Lopez?",
        "User: Yes, speaking.",
        "AI: Your car payment of $412.50 is past due. When can you pay?",
        "User: I get paid Friday. I'll pay it then.",
        "AI: Thank you, Maria. Your promise to pay on Friday is noted.",
      ].join("\n"),
      recordingUrl: null,
      metadata: meta("proj_auto_loans", "demo-recording-1", { campaign: "early-stage-30", attempt: 1 }),
    },
  },
  {
    extraId: "demo-recording-2",
    minutesAgo: 130,
    recordingKey: "livekit-egress/16a4f158-9e8c-4b1c-b2ec-ca54bae88244/dc3caf8e-adf7-434c-8ac1-77174144087c/recording_1795008617.mp3",
    voices: { agent: "en-us+m3", contact: "en-gb+m1" },
    payload: {
      providerCallId: "01a1eed9-da28-7dac-8fcc-6fe22ca5e0ac",
      numberFrom: "+447480812345",
      numberTo: "+447700900123",
      providerStatus: "pass",
      deliveryStatus: "pass",
      summary: "Oliver Hughes paid the past-due £186.40 by debit card during the call. Confirmation PMT-4821.",
      endedReason: "customer-ended-call",
      callOutput: "PAYMENT COMPLETED",
      callOutputReasoning:
        "A payment of £186.40 was taken during the call by debit card and confirmation number PMT-4821 was issued. Funds were collected, so the call is classified as PAYMENT COMPLETED.",
      sentimentOutput: "POSITIVE",
      sentimentOutputReasoning: "Oliver was polite and decisive, and asked to pay straight away.",
      transcription: [
        "Agent: Hello, this is Sam from Northwind Card Services. Is this Oliver Hughes?",
        "Customer: Yes, that's me.",
        "Agent: Your card has £186.40 past due. Shall we pay it now?",
        "Customer: Yes, use my debit card.",
        "Agent: Done, the payment went through. Your confirmation number is PMT-4821.",
      ].join("\n"),
      recordingUrl: null,
      metadata: meta("proj_credit_cards", "demo-recording-2", { campaign: "late-stage-90" }),
    },
  },
  {
    extraId: "demo-recording-3",
    minutesAgo: 300,
    recordingKey: "livekit-egress/f376409d-d03f-43f6-94ab-711b006bcb6f/87a025fe-a1ef-4322-bdb7-971d775896bd/recording_1795014034.mp3",
    voices: { agent: "en-us+f4", contact: "en-us+m7" },
    payload: {
      providerCallId: "01a1ef2c-8250-748f-b508-59682682b605",
      numberFrom: "+16282519046",
      numberTo: "+13125550178",
      providerStatus: "pass",
      deliveryStatus: "pass",
      summary: "Darnell Brooks could not pay the $640.00 medical bill this month; due date extended by thirty days.",
      endedReason: "assistant-ended-call",
      callOutput: "PAYMENT EXTENSION",
      callOutputReasoning:
        "The contact did not dispute the $640.00 balance but asked for a few more weeks. The due date was extended by thirty days, so the outcome is a payment extension.",
      sentimentOutput: "NEUTRAL",
      sentimentOutputReasoning: "Darnell was calm and brief, neither warm nor resistant.",
      transcription: [
        "Assistant: Hi, this is Maya calling for Riverside Health Billing. Is this Darnell Brooks?",
        "Debtor: Yeah, it's me.",
        "Assistant: Your medical bill of $640.00 is overdue. Can you pay it this month?",
        "Debtor: Not this month. I need a few more weeks.",
        "Assistant: Okay. I've moved your due date out by thirty days.",
      ].join("\n"),
      recordingUrl: null,
      metadata: meta("proj_medical", "demo-recording-3", { campaign: "self-pay-balance", attempt: 2 }),
    },
  },
  {
    extraId: "demo-recording-4",
    minutesAgo: 420,
    recordingKey: "livekit-egress/be234be7-c8d8-4827-aaef-08892db4290f/314ff088-1ff5-4d30-8acc-0523b4ded6f9/recording_1795019451.mp3",
    voices: { agent: "en-us+m1", contact: "en-us+m4" },
    payload: {
      providerCallId: "01a1ef7f-2a78-73a1-955d-bd13700e4014",
      numberFrom: "+15074106939",
      numberTo: "+14165550192",
      providerStatus: "pass",
      deliveryStatus: "pass",
      summary: null,
      endedReason: "customer-ended-call",
      callOutput: "CALL BACK REQUESTED",
      callOutputReasoning:
        "The contact was reached but was at work and asked to be called back tomorrow after six. No payment, promise or refusal was given.",
      sentimentOutput: "NEUTRAL",
      sentimentOutputReasoning: "Liam was brief and matter-of-fact, focused on rescheduling.",
      transcription: [
        "AI: Hello, this is Leo from Cascade Power and Light. Am I speaking with Liam Tremblay?",
        "Contact: Yes, but I'm at work right now.",
        "AI: No problem. When should I call you back?",
        "Contact: Tomorrow after six, please.",
        "AI: Sure. I'll call you back tomorrow after six. Goodbye.",
      ].join("\n"),
      recordingUrl: null,
      metadata: meta("proj_utilities", "demo-recording-4", { campaign: "winter-protection" }),
    },
  },
  {
    extraId: "demo-recording-5",
    minutesAgo: 600,
    recordingKey: "livekit-egress/7ac243ba-0442-4f03-b96d-292e181fb91c/13213f0a-baed-42ec-bea1-263eb88ef487/recording_1795024868.mp3",
    voices: { agent: "en-us+f5", contact: "en-us+f1" },
    payload: {
      providerCallId: "01a1efd1-d2a0-7a03-8c7c-bd4561569007",
      numberFrom: "+14155238873",
      numberTo: "+13105550117",
      providerStatus: "pass",
      deliveryStatus: "pass",
      summary: "Jessica Harris refused to discuss the $129.99 past-due phone bill and asked not to be called again.",
      endedReason: "customer-ended-call",
      callOutput: "NOT INTERESTED",
      callOutputReasoning:
        "The contact was verified but declined any payment arrangement and asked for the calls to stop. No commitment was obtained, so the call is classified as NOT INTERESTED.",
      sentimentOutput: "NEGATIVE",
      sentimentOutputReasoning: "Jessica was curt and irritated from the first sentence and demanded that the calls stop.",
      transcription: [
        "AI: Hi, this is Nora from Vertex Mobile. Is this Jessica Harris?",
        "User: Yes. What do you want?",
        "AI: Your phone bill has $129.99 past due. Can we set up a payment?",
        "User: No. I'm not interested. Stop calling me.",
        "AI: Understood. Goodbye.",
      ].join("\n"),
      recordingUrl: null,
      metadata: meta("proj_telecom", "demo-recording-5", { campaign: "final-notice", attempt: 3 }),
    },
  },
  {
    extraId: "demo-recording-6",
    minutesAgo: 780,
    recordingKey: "livekit-egress/16a4f158-9e8c-4b1c-b2ec-ca54bae88244/4c8e4e9d-556b-4456-951b-5d59cbea2c00/recording_1795030285.mp3",
    voices: { agent: "en-us+m2", contact: "en-gb+m3" },
    payload: {
      providerCallId: "01a1f024-7ac8-7ea9-94fa-6c3f6e7cd958",
      numberFrom: "+97142487311",
      numberTo: "+971585420805",
      providerStatus: "pass",
      deliveryStatus: "pass",
      summary: "Wrong number: the person who answered does not know Khalid Saleh.",
      endedReason: "assistant-ended-call",
      callOutput: "WRONG NUMBER",
      callOutputReasoning:
        "The person who answered stated that there is no Khalid at this number. The number does not reach the intended debtor, so the outcome is WRONG NUMBER.",
      sentimentOutput: "NEUTRAL",
      sentimentOutputReasoning: "The person who answered was neutral and brief.",
      transcription: [
        "AI: Hello, this is Ethan from BluePeak Bank. May I speak with Khalid Saleh?",
        "User: Sorry, there's no Khalid here. You have the wrong number.",
        "AI: I apologize. I'll remove this number from our list.",
        "User: Okay, thanks. Bye.",
      ].join("\n"),
      recordingUrl: null,
      metadata: meta("proj_credit_cards", "demo-recording-6"),
    },
  },
  {
    // A transcript with no speaker labels: the detail page must show it as plain text.
    extraId: "demo-plain-transcript",
    minutesAgo: 210,
    payload: {
      providerCallId: "01a1f077-22f0-7b35-8c18-2341e995b8cd",
      numberFrom: "+15074106928",
      numberTo: "+17135550164",
      providerStatus: "pass",
      deliveryStatus: "pass",
      duration: 131,
      summary: "James Carter promised to pay $389.20 on the 20th, after payday.",
      endedReason: null,
      callOutput: "PAYMENT PROMISE",
      callOutputReasoning:
        "The contact agreed to pay the past-due amount of $389.20 on the 20th of the month. A specific amount and date were given, so the call is a payment promise.",
      sentimentOutput: "POSITIVE",
      sentimentOutputReasoning: "James was relaxed and cooperative and thanked the assistant.",
      transcription: [
        "hello this is ava calling on behalf of crestline motor credit may i speak with james carter. yes this is james. " +
          "thank you james i'm calling about your auto loan which is thirty two days past due with a past due amount of $389.20. " +
          "right i know i've been meaning to call you guys.",
        "i can pay on the 20th when my paycheck comes in. okay so that's $389.20 on the 20th is that correct. yes that's right. " +
          "thank you james you'll get a text reminder the day before have a good afternoon. you too bye.",
      ].join("\n\n"),
      recordingUrl:
        "levers-demo-bucket:livekit-egress/79ed6735-6076-4c3f-b472-d5cead5f0834/5b438043-0efe-4689-a517-eca105972634/recording_1795035702.mp3",
      metadata: meta("proj_auto_loans", "demo-plain-transcript", { campaign: "early-stage-30" }),
    },
  },
  {
    // Markup in every free-text field a page shows: it must render as text, never run.
    extraId: "demo-xss",
    minutesAgo: 80,
    payload: {
      providerCallId: "01a1f0c9-cb18-7197-9cfd-ddd86fcf1b68",
      numberFrom: "+16282519046",
      numberTo: "+16175550121",
      providerStatus: "pass",
      deliveryStatus: "pass",
      duration: 74,
      summary: "Contact read out markup as an email address: <img src=x onerror=alert(1)>; promised $250.00 on Friday.",
      endedReason: "customer-ended-call",
      callOutput: "PAYMENT PROMISE",
      callOutputReasoning:
        "The contact committed to paying $250.00 on Friday. The odd email address <script>alert(1)</script> was noted but does not change the outcome.",
      sentimentOutput: "NEUTRAL",
      sentimentOutputReasoning: "The contact was playful but not hostile.",
      transcription: [
        "AI: Hello, this is Ava from Northwind Card Services. Am I speaking with Robert Miller?",
        "User: Yes. Send the receipt to <script>alert(1)</script> please.",
        "AI: I'm sorry, could you repeat the email address?",
        "User: Sure, it's <img src=x onerror=alert(1)> and I'll pay $250.00 on Friday.",
        "AI: Thank you, Robert. Your promise to pay $250.00 on Friday is noted.",
      ].join("\n"),
      recordingUrl: null,
      metadata: meta("proj_credit_cards", "demo-xss", { note: "<img src=x onerror=alert(1)>" }),
    },
  },
];

/** Where a showcase call's recording is, as Levers would send it. */
export function showcaseLocation(call: ShowcaseCall): string | null {
  return call.recordingKey ? `${RECORDINGS_BUCKET}:${call.recordingKey}` : call.payload.recordingUrl;
}

const DURATIONS: Record<string, number> = durations;

/** The showcase calls as generated calls received relative to `now`. */
export function showcaseCalls(now: Date): GeneratedCall[] {
  return SHOWCASE_CALLS.map((call, i) => {
    const rng = mulberry32(seedFromString(`showcase-row:${call.extraId}`));
    const receivedAt = new Date(now.getTime() - call.minutesAgo * 60_000 - 17_000 * i);
    const p = call.payload;
    const duration = p.duration ?? DURATIONS[call.extraId];
    if (duration === undefined) throw new Error(`No duration for ${call.extraId}: run npm run demo:recordings`);
    return {
      index: -1 - i,
      id: uuid4(rng),
      messageId: `msg_${base62(rng, 27)}`,
      // Field order as in Levers' documentation, so the raw body reads like a real delivery.
      payload: {
        providerCallId: p.providerCallId,
        numberFrom: p.numberFrom,
        numberTo: p.numberTo,
        providerStatus: p.providerStatus,
        deliveryStatus: p.deliveryStatus,
        duration,
        summary: p.summary,
        endedReason: p.endedReason,
        callOutput: p.callOutput,
        callOutputReasoning: p.callOutputReasoning,
        sentimentOutput: p.sentimentOutput,
        sentimentOutputReasoning: p.sentimentOutputReasoning,
        transcription: p.transcription,
        recordingUrl: showcaseLocation(call),
        metadata: p.metadata,
      },
      sentAt: new Date(Math.floor((receivedAt.getTime() - 400) / 1000) * 1000),
      receivedAt,
    };
  });
}
