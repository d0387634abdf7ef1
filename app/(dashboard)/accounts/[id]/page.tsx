import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AccountHeader } from "@/components/accounts/account-header";
import { AccountTimeline } from "@/components/accounts/account-timeline";
import { CallbacksList } from "@/components/accounts/callbacks-list";
import { NotesPanel } from "@/components/accounts/notes-panel";
import { PromiseLedger } from "@/components/accounts/promise-ledger";
import type { CallbackData, NoteData, PromiseData, TimelineData } from "@/components/accounts/types";
import { AccountCompliance } from "@/components/compliance/account-compliance";
import { Skeleton } from "@/components/ui/skeleton";
import { type AccountDetail, type AccountHeader as AccountHeaderView, getAccountDetail, getAccountHeader } from "@/lib/accounts/detail";
import { listAssignableUsers } from "@/lib/accounts/edits";
import { requireRole } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { accountCompliance } from "@/lib/compliance/queries";

export const metadata: Metadata = { title: "Account" };

interface Props {
  params: Promise<{ id: string }>;
}

/** Dates → ISO strings, as the client components take them. */
type Plain<T> = T extends Date ? string : T extends (infer U)[] ? Plain<U>[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
const plain = <T,>(value: T) => JSON.parse(JSON.stringify(value)) as Plain<T>;

/**
 * The header (who, how to reach them, the totals, the owner) is in the first
 * byte: a primary-key read of the account and the short list of assignable
 * users. Compliance and the rest of the account (promises, callbacks, notes,
 * the timeline of up to 200 calls) stream in behind their own Suspense
 * boundaries, each starting at once.
 */
export default async function AccountPage({ params }: Props) {
  const { id } = await params;
  const users = listAssignableUsers().then((list) => list.map((u) => ({ id: u.id, name: u.name })));
  const [viewer, header, userOptions] = await Promise.all([requireRole("agent"), getAccountHeader(id), users]);
  if (!header) notFound();
  return (
    <div className="space-y-4">
      <AccountHeader account={plain<AccountHeaderView>(header)} users={userOptions} canAssign={hasRole(viewer.role, "manager")} />
      <Suspense fallback={<Skeleton className="h-24 w-full" />}>
        <ComplianceSection id={header.id} />
      </Suspense>
      <Suspense fallback={<AccountBodySkeleton />}>
        <AccountBody id={header.id} users={users} />
      </Suspense>
    </div>
  );
}

async function AccountBody({ id, users }: { id: string; users: Promise<{ id: string; name: string }[]> }) {
  const [detail, userOptions] = await Promise.all([getAccountDetail(id), users]);
  if (!detail) notFound();
  const d = plain<AccountDetail>(detail);
  const isAdmin = hasRole(detail.viewer.role, "admin");
  const notes: NoteData[] = d.notes.filter((n) => !n.deletedAt);
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_28rem]">
      <div className="min-w-0 space-y-4">
        <PromiseLedger accountId={d.account.id} promises={d.promises as PromiseData[]} />
        <CallbacksList accountId={d.account.id} callbacks={d.callbacks as CallbackData[]} users={userOptions} />
      </div>
      <div className="min-w-0 space-y-4">
        <NotesPanel target={{ kind: "account", id: d.account.id }} initial={notes} isAdmin={isAdmin} />
        <AccountTimeline entries={d.timeline as TimelineData[]} callsShown={d.callsShown} calls={d.account.calls} />
      </div>
    </div>
  );
}

/** The promise ledger and callbacks beside the notes and the timeline, while they load (the same two columns). */
function AccountBodySkeleton() {
  return (
    <div
      className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_28rem]"
      role="status"
      aria-busy="true"
      aria-label="Loading the account"
    >
      <div className="min-w-0 space-y-4">
        <Skeleton className="h-64 w-full rounded-lg" />
        <Skeleton className="h-40 w-full rounded-lg" />
      </div>
      <div className="min-w-0 space-y-4">
        <Skeleton className="h-40 w-full rounded-lg" />
        <Skeleton className="h-96 w-full rounded-lg" />
      </div>
    </div>
  );
}

/** Flags, holds and the next permissible call per debt, below the header (its own query, streamed beside the rest). */
async function ComplianceSection({ id }: { id: string }) {
  const compliance = await accountCompliance(id);
  return compliance ? <AccountCompliance {...plain(compliance)} /> : null;
}
