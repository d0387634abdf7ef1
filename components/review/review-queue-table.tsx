import Link from "next/link";
import { OutcomeBadge, SentimentBadge } from "@/components/call-detail/call-badges";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Duration } from "@/components/ui/duration";
import { Table, TableBody, TableEmpty, TableFrame, TableHead, Td } from "@/components/ui/table";
import { QUEUE_REASON_LABELS, QUEUE_REASONS, type QueueReason } from "@/lib/review/queue-reasons";

export interface QueueRow {
  callId: string;
  receivedAt: string;
  portfolio: string | null;
  outcome: string | null;
  sentiment: string | null;
  duration: number;
  reasons: QueueReason[];
  claimedBy: { id: string; name: string; expiresAt: string } | null;
}

/** The queue: why each call is in it, who holds it, and a claim button. */
export function ReviewQueueTable({
  items,
  total,
  reason,
  viewerId,
  claim,
}: {
  items: QueueRow[];
  total: number;
  reason: QueueReason | null;
  viewerId: string;
  claim: (form: FormData) => Promise<void>;
}) {
  const filters: { href: string; label: string; active: boolean }[] = [
    { href: "/review", label: "All reasons", active: reason === null },
    ...QUEUE_REASONS.map((r) => ({ href: `/review?reason=${r}`, label: QUEUE_REASON_LABELS[r], active: reason === r })),
  ];
  return (
    <div className="space-y-3">
      <nav aria-label="Filter by reason" className="flex flex-wrap gap-1.5">
        {filters.map((f) => (
          <Link
            key={f.href}
            href={f.href}
            aria-current={f.active ? "page" : undefined}
            className={buttonClass({ variant: f.active ? "active" : "secondary" })}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      <p className="text-sm text-slate-600" data-testid="queue-total">
        {total} {total === 1 ? "call" : "calls"} waiting{items.length < total ? ` (the newest ${items.length} shown)` : ""}
      </p>
      {items.length === 0 ? (
        <TableEmpty>
          Nothing to review. New calls join the queue as they arrive; an admin can raise the sample rate under Admin → Scorecards.
        </TableEmpty>
      ) : (
        <TableFrame label="Calls to review">
          <Table>
            <TableHead columns={["Received", "Portfolio", "Outcome", "Sentiment", "Duration", "Why", "Review"]} />
            <TableBody>
              {items.map((item) => {
                const mine = item.claimedBy?.id === viewerId;
                const held = item.claimedBy && !mine;
                return (
                  <tr key={item.callId} data-testid="queue-row">
                    <Td className="whitespace-nowrap">
                      <Link href={`/calls/${item.callId}`} className="text-indigo-700 underline-offset-2 hover:underline">
                        {item.receivedAt.slice(0, 16).replace("T", " ")} UTC
                      </Link>
                    </Td>
                    <Td>{item.portfolio ?? <span className="text-slate-600">None</span>}</Td>
                    <Td>
                      <OutcomeBadge value={item.outcome} />
                    </Td>
                    <Td>
                      <SentimentBadge value={item.sentiment} />
                    </Td>
                    <Td>
                      <Duration seconds={item.duration} />
                    </Td>
                    <Td>
                      <div className="flex flex-wrap gap-1">
                        {item.reasons.map((r) => (
                          <Badge key={r} tone={r === "sample" ? "neutral" : "amber"}>
                            {QUEUE_REASON_LABELS[r]}
                          </Badge>
                        ))}
                      </div>
                    </Td>
                    <Td className="whitespace-nowrap">
                      {held ? (
                        <span className="text-sm text-slate-600">Claimed by {item.claimedBy!.name}</span>
                      ) : (
                        <form action={claim}>
                          <input type="hidden" name="callId" value={item.callId} />
                          <button type="submit" className={buttonClass({ variant: mine ? "secondary" : "primary" })}>
                            {mine ? "Continue" : "Claim"}
                            <span className="sr-only"> call from {item.receivedAt.slice(0, 16).replace("T", " ")}</span>
                          </button>
                        </form>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </TableBody>
          </Table>
        </TableFrame>
      )}
    </div>
  );
}
