import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { createLoader } from "nuqs/server";
import { NotesPanel } from "@/components/accounts/notes-panel";
import { CallHeader } from "@/components/call-detail/call-header";
import { CallNav } from "@/components/call-detail/call-nav";
import { CallWorkspace, type RecordingStatus } from "@/components/call-detail/call-workspace";
import { MetadataList } from "@/components/call-detail/metadata-list";
import { RawDeliveries } from "@/components/call-detail/raw-deliveries";
import { TextPanel } from "@/components/call-detail/text-panel";
import { FlagBanner } from "@/components/compliance/flag-banner";
import { CallOverride } from "@/components/review/call-override";
import { getCall, getCallNeighbours } from "@/lib/calls/detail";
import { toCallQuery } from "@/lib/calls/filters";
import { callSearchParsers, serializeCallSearch } from "@/lib/calls/search-params";
import { recordingPath } from "@/lib/calls/serialize";
import { parseTranscript } from "@/lib/calls/transcript";
import { callComplianceBanner } from "@/lib/compliance/queries";
import { checkRecording } from "@/lib/recordings/resolve";
import { callOverrideProps } from "@/lib/review/verdicts";

export const metadata: Metadata = { title: "Call" };

// The list links here with its own query string (filters, sort, page), so previous/next and "back" stay in that list.
const loadListState = createLoader(callSearchParsers);

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function CallPage({ params, searchParams }: Props) {
  const { id } = await params;
  // layout.tsx has already answered 404 for unknown ids; this guards a call deleted in between.
  const detail = await getCall(id);
  if (!detail) notFound();
  const { call, deliveries } = detail;

  const listState = loadListState(await searchParams);
  const [neighbours, availability] = await Promise.all([
    getCallNeighbours(call, toCallQuery(listState)),
    checkRecording(call.recordingUrl),
  ]);
  const listSearch = serializeCallSearch(listState);
  const recording: RecordingStatus = availability.status === "missing" ? availability.reason : availability.status;
  const audioPath = recordingPath(call.id);

  return (
    <div className="space-y-4">
      <CallNav
        backHref={`/calls${listSearch}`}
        previousHref={neighbours.previous ? `/calls/${neighbours.previous}${listSearch}` : null}
        nextHref={neighbours.next ? `/calls/${neighbours.next}${listSearch}` : null}
        sharePath={`/calls/${call.id}`}
      />
      <FlagBanner {...(await callComplianceBanner(call.id))} />
      <CallHeader call={call} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <aside className="space-y-4 lg:order-2">
          <NotesPanel target={{ kind: "call", id: call.id }} isAdmin={detail.viewer.role === "admin"} />
          <CallOverride {...(await callOverrideProps(call))} />
          <TextPanel id="summary" title="Summary" text={call.summary} empty="No summary was sent for this call." />
          <TextPanel
            id="outcome-reasoning"
            title="Why this outcome"
            text={call.callOutputReasoning}
            empty="No reasoning was sent for the outcome."
          />
          <TextPanel
            id="sentiment-reasoning"
            title="Sentiment"
            text={call.sentimentOutputReasoning}
            empty="No reasoning was sent for the sentiment."
          />
          <MetadataList metadata={call.requestMetadata} downloadHref={`/api/calls/${call.id}`} />
          {deliveries && (
            <RawDeliveries
              deliveries={deliveries.map((d) => ({
                id: d.id,
                messageId: d.messageId,
                status: d.status,
                receivedAt: d.receivedAt.toISOString(),
                body: d.body,
                downloadHref: `/api/admin/deliveries/${d.id}`,
              }))}
            />
          )}
        </aside>
        <div className="min-w-0 lg:order-1">
          <CallWorkspace
            recordingSrc={audioPath}
            downloadHref={`${audioPath}?download=1`}
            recording={recording}
            duration={call.duration}
            transcript={parseTranscript(call.transcription)}
          />
        </div>
      </div>
    </div>
  );
}
