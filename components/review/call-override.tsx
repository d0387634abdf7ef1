"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { LocalTime } from "@/components/ui/time";
import { OUTCOMES, outcomeInfo, SENTIMENTS, sentimentInfo } from "@/lib/calls/catalogue";

interface VerdictJson {
  outcome: string | null;
  sentiment: string | null;
  aiOutcome: string | null;
  aiSentiment: string | null;
  corrected: boolean;
  reason: string;
  by: { id: string; name: string };
  at: string;
  source: string;
}

export interface CallOverrideProps {
  callId: string;
  ai: { outcome: string | null; sentiment: string | null };
  verdict: VerdictJson | null;
  history: VerdictJson[];
}

/**
 * The call's human verdict beside the AI's: the AI's outcome and sentiment
 * stay visible, a correction shows who, when and why, and an agent corrects
 * either with a reason (POST /api/calls/{id}/override). Plain form controls:
 * Tab, arrow keys and Enter do it all.
 */
export function CallOverride({ callId, ai, verdict, history }: CallOverrideProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm"
      data-testid="call-override"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          Outcome and sentiment
        </h2>
        <Button size="sm" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen((o) => !o)}>
          {open ? "Cancel correction" : verdict ? "Change correction" : "Correct the AI"}
        </Button>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
        <ValueRow label="Outcome" ai={outcomeInfo(ai.outcome)} human={verdict?.outcome ? outcomeInfo(verdict.outcome) : null} />
        <ValueRow label="Sentiment" ai={sentimentInfo(ai.sentiment)} human={verdict?.sentiment ? sentimentInfo(verdict.sentiment) : null} />
      </dl>
      {verdict && (
        <p className="mt-2 text-sm text-slate-700" data-testid="verdict-by">
          {verdict.corrected ? "Corrected" : "Confirmed"} by <span className="font-medium">{verdict.by.name}</span>,{" "}
          <LocalTime iso={verdict.at} />: “{verdict.reason}”
        </p>
      )}
      {open && <OverrideForm formId={`${id}-form`} callId={callId} ai={ai} verdict={verdict} onDone={() => setOpen(false)} />}
      {history.length > 1 && (
        <details className="mt-2 text-sm text-slate-700">
          <summary className="cursor-pointer py-1 font-medium">Earlier verdicts ({history.length - 1})</summary>
          <ol className="mt-1 space-y-1">
            {history.slice(1).map((h) => (
              <li key={h.at + h.by.id}>
                {h.outcome ? outcomeInfo(h.outcome).label : "AI outcome"} /{" "}
                {h.sentiment ? sentimentInfo(h.sentiment).label : "AI sentiment"} — {h.by.name}, <LocalTime iso={h.at} />: “{h.reason}”
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function ValueRow({
  label,
  ai,
  human,
}: {
  label: string;
  ai: { label: string; badge: string };
  human: { label: string; badge: string } | null;
}) {
  const differs = human !== null && human.label !== ai.label;
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="flex flex-wrap items-center gap-1.5">
        <span className="text-slate-600">AI:</span>
        <Badge className={ai.badge}>{differs ? <s>{ai.label}</s> : ai.label}</Badge>
        {differs && (
          <>
            <span className="text-slate-600">Corrected:</span>
            <Badge className={human.badge} data-testid={`corrected-${label.toLowerCase()}`}>
              {human.label}
            </Badge>
          </>
        )}
      </dd>
    </>
  );
}

function OverrideForm({
  formId,
  callId,
  ai,
  verdict,
  onDone,
}: {
  formId: string;
  callId: string;
  ai: CallOverrideProps["ai"];
  verdict: VerdictJson | null;
  onDone: () => void;
}) {
  const router = useRouter();
  const [outcome, setOutcome] = useState(verdict?.outcome ?? "");
  const [sentiment, setSentiment] = useState(verdict?.sentiment ?? "");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const response = await fetch(`/api/calls/${callId}/override`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ outcome: outcome || null, sentiment: sentiment || null, reason }),
      }).catch(() => null);
      if (!response?.ok) {
        const body = (await response?.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? "Could not save the correction. Check your connection and try again.");
        return;
      }
      onDone();
      router.refresh();
    });
  };

  return (
    <form id={formId} onSubmit={submit} className="mt-3 space-y-2 border-t border-slate-200 pt-3" aria-label="Correct the AI">
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        <label htmlFor={`${formId}-outcome`} className="flex flex-col gap-1 text-sm text-slate-700">
          Outcome
          <NativeSelect id={`${formId}-outcome`} value={outcome} onChange={(e) => setOutcome(e.target.value)} name="outcome">
            <option value="">Keep the AI's ({outcomeInfo(ai.outcome).label})</option>
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label htmlFor={`${formId}-sentiment`} className="flex flex-col gap-1 text-sm text-slate-700">
          Sentiment
          <NativeSelect id={`${formId}-sentiment`} value={sentiment} onChange={(e) => setSentiment(e.target.value)} name="sentiment">
            <option value="">Keep the AI's ({sentimentInfo(ai.sentiment).label})</option>
            {SENTIMENTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </NativeSelect>
        </label>
      </div>
      <label className="flex flex-col gap-1 text-sm text-slate-700">
        Reason (required)
        <textarea
          name="reason"
          required
          maxLength={2000}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-800 shadow-xs"
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Save correction"}
      </Button>
    </form>
  );
}
