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
import { type AccountDetail, getAccountDetail } from "@/lib/accounts/detail";
import { listAssignableUsers } from "@/lib/accounts/edits";
import { hasRole } from "@/lib/auth/roles";
import { accountCompliance } from "@/lib/compliance/queries";

export const metadata: Metadata = { title: "Account" };

interface Props {
  params: Promise<{ id: string }>;
}

/** Dates → ISO strings, as the client components take them. */
type Plain<T> = T extends Date ? string : T extends (infer U)[] ? Plain<U>[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
const plain = <T,>(value: T) => JSON.parse(JSON.stringify(value)) as Plain<T>;

export default async function AccountPage({ params }: Props) {
  const { id } = await params;
  return (
    <div className="space-y-4">
      <Suspense fallback={<Skeleton className="h-40 w-full" />}>
        <AccountBody id={id} />
      </Suspense>
    </div>
  );
}

async function AccountBody({ id }: { id: string }) {
  const [detail, users] = await Promise.all([getAccountDetail(id), listAssignableUsers()]);
  if (!detail) notFound();
  const d = plain<AccountDetail>(detail);
  const isAdmin = hasRole(detail.viewer.role, "admin");
  const userOptions = users.map((u) => ({ id: u.id, name: u.name }));
  const notes: NoteData[] = d.notes.filter((n) => !n.deletedAt);
  return (
    <>
      <AccountHeader account={d.account} users={userOptions} canAssign={hasRole(detail.viewer.role, "manager")} />
      <Suspense fallback={<Skeleton className="h-24 w-full" />}>
        <ComplianceSection id={d.account.id} />
      </Suspense>
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
    </>
  );
}

/** Flags, holds and the next permissible call per debt, at the top of the account (its own query, streamed beside the rest). */
async function ComplianceSection({ id }: { id: string }) {
  const compliance = await accountCompliance(id);
  return compliance ? <AccountCompliance {...plain(compliance)} /> : null;
}
