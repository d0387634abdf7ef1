import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CallHeader } from "@/components/call-detail/call-header";
import { CallWorkspace, type RecordingStatus } from "@/components/call-detail/call-workspace";
import { ReviewHistory } from "@/components/review/review-history";
import { ScorecardPicker } from "@/components/review/scorecard-picker";
import { ScoringForm } from "@/components/review/scoring-form";
import { getCall } from "@/lib/calls/detail";
import { recordingPath } from "@/lib/calls/serialize";
import { parseTranscript } from "@/lib/calls/transcript";
import { checkRecording } from "@/lib/recordings/resolve";
import { currentClaim } from "@/lib/review/queue";
import { listReviews } from "@/lib/review/reviews";
import { listScorecards } from "@/lib/review/scorecards";
import { submitReviewAction } from "../actions";

export const metadata: Metadata = { title: "Score a call" };

export default async function ScoreCallPage({
  params,
  searchParams,
}: {
  params: Promise<{ callId: string }>;
  searchParams: Promise<{ scorecard?: string | string[] }>;
}) {
  const [{ callId }, { scorecard: chosen }] = await Promise.all([params, searchParams]);
  const [scorecards, detail] = await Promise.all([listScorecards(), getCall(callId, { deliveries: false })]);
  if (!detail) notFound();
  const { call, viewer } = detail;
  const [claim, reviews, availability] = await Promise.all([
    currentClaim(call.id),
    listReviews(call.id),
    checkRecording(call.recordingUrl),
  ]);
  const transcript = parseTranscript(call.transcription);
  const audioPath = recordingPath(call.id);
  const recording: RecordingStatus = availability.status === "missing" ? availability.reason : availability.status;
  // ?scorecard= picks one of the published scorecards; unknown or absent: the first.
  const card = scorecards.find((c) => c.scorecardId === chosen) ?? scorecards[0];
  const heldByOther = claim && claim.reviewerId !== viewer.id;

  return (
    <div className="space-y-4">
      <nav aria-label="Review" className="flex gap-3 text-sm">
        <Link href="/review" className="font-medium text-indigo-700 hover:underline">
          ← Review queue
        </Link>
        <Link href={`/calls/${call.id}`} className="font-medium text-indigo-700 hover:underline">
          Open the call
        </Link>
      </nav>
      <h1 className="sr-only">Score a call</h1>
      <CallHeader call={call} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_30rem]">
        <aside className="space-y-4 lg:order-2">
          {heldByOther ? (
            <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              {claim.reviewerName} is reviewing this call. Pick another one from the queue.
            </p>
          ) : card ? (
            <>
              <ScorecardPicker
                scorecards={scorecards}
                selectedId={card.scorecardId}
                hrefFor={(id) => `/review/${call.id}?scorecard=${encodeURIComponent(id)}`}
              />
              <ScoringForm
                key={card.versionId}
                versionId={card.versionId}
                scorecardName={card.name}
                version={card.version}
                definition={card.definition}
                aiOutcome={call.callOutput}
                aiSentiment={call.sentimentOutput}
                turns={transcript.segments.map((s) => ({
                  index: s.index,
                  label: `Turn ${s.index + 1}: ${s.label ?? ""} ${s.text.slice(0, 30)}`.trim(),
                }))}
                action={submitReviewAction.bind(null, call.id)}
              />
            </>
          ) : (
            <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
              No scorecard is published yet. An admin can create one under Admin → Scorecards.
            </p>
          )}
          <ReviewHistory
            reviews={reviews.map((r) => ({
              id: r.id,
              reviewerName: r.reviewerName,
              score: r.score,
              criticalFailed: r.criticalFailed,
              version: r.version,
              scorecardName: r.scorecardName,
              createdAt: r.createdAt.toISOString(),
            }))}
          />
        </aside>
        <div className="min-w-0 lg:order-1">
          <CallWorkspace
            recordingSrc={audioPath}
            downloadHref={`${audioPath}?download=1`}
            recording={recording}
            duration={call.duration}
            transcript={transcript}
          />
        </div>
      </div>
    </div>
  );
}
