import { type EvidenceData, turnHref } from "./types";

const SPEAKER = { agent: "AI agent", contact: "Contact", unknown: "Speaker" } as const;

/** The transcript words a promise was read from, highlighted in their turn, with a link to that turn of the call. */
export function Evidence({ callId, evidence }: { callId: string; evidence: EvidenceData | null }) {
  if (!evidence) return <p className="text-xs text-slate-600">No transcript evidence.</p>;
  const who = evidence.speaker ? (SPEAKER[evidence.speaker as keyof typeof SPEAKER] ?? "Speaker") : null;
  return (
    <figure className="text-sm" data-testid="promise-evidence">
      <blockquote className="rounded-md border-l-4 border-amber-400 bg-slate-50 px-3 py-1.5 leading-6 text-slate-800">
        {who && <span className="mr-1 text-xs font-medium text-slate-600">{who}:</span>}
        {evidence.before}
        <mark className="rounded-sm bg-amber-200 px-0.5 text-slate-950" data-testid="evidence-highlight">
          {evidence.text}
        </mark>
        {evidence.after}
      </blockquote>
      <figcaption className="mt-1">
        <a href={turnHref(callId, evidence.turn)} className="text-xs font-medium text-indigo-700 underline-offset-2 hover:underline">
          Open the call at turn {evidence.turn + 1}
        </a>
      </figcaption>
    </figure>
  );
}
