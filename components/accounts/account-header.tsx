import { formatPhone } from "@/components/call-detail/format";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/time";
import { NUMBER_STATUS } from "./format";
import { OwnerControl } from "./owner-control";
import type { UserOption } from "./types";

export interface AccountHeaderData {
  id: string;
  key: string;
  keySource: string;
  assigneeId: string | null;
  assigneeName: string | null;
  calls: number;
  connected: number;
  conversations: number;
  rightPartyContacts: number;
  lastCallAt: string | null;
  lastRightPartyAt: string | null;
  nextCallAt: string | null;
  nextCallReason: string | null;
  numbers: { number: string; status: string; since: string; calls: number }[];
  portfolios: string[];
}

/** "account_id:A-1001" → "A-1001" with where it came from. */
function keyParts(key: string): { label: string; value: string } {
  const i = key.indexOf(":");
  if (i < 0) return { label: "Account", value: key };
  const field = key.slice(0, i);
  return { label: field === "tel" ? "Account (by phone number)" : `Account (${field})`, value: key.slice(i + 1) };
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** Who the debtor is, how to reach them, what happened so far, and when they may be called next. */
export function AccountHeader({ account, users, canAssign }: { account: AccountHeaderData; users: UserOption[]; canAssign: boolean }) {
  const key = keyParts(account.key);
  const nextDue = account.nextCallAt ? new Date(account.nextCallAt).getTime() > Date.now() : false;
  // Evaluated with no permissible time in the guard's horizon (a hold, the zone unknown): the reason says why.
  const blocked = account.nextCallAt === null && account.nextCallReason !== null;
  return (
    <header className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <div className="flex flex-wrap items-start gap-x-8 gap-y-3">
        <div className="min-w-0">
          <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{key.label}</p>
          <h1 className="break-all font-mono text-2xl font-semibold tracking-tight text-slate-900" data-testid="account-key">
            {key.value}
          </h1>
          <p className="mt-1 flex flex-wrap gap-1.5">
            {account.portfolios.length ? (
              account.portfolios.map((p) => (
                <Badge key={p} tone="blue">
                  {p}
                </Badge>
              ))
            ) : (
              <span className="text-xs text-slate-600">No portfolio</span>
            )}
          </p>
        </div>
        <ul className="flex flex-col gap-1" aria-label="Numbers">
          {account.numbers.map((n) => {
            const s = NUMBER_STATUS[n.status] ?? { label: n.status, tone: "neutral" as const };
            return (
              <li key={n.number} className="flex items-center gap-2 text-sm">
                <span className={`font-mono ${n.status === "active" ? "text-slate-900" : "text-slate-600 line-through"}`}>
                  {formatPhone(n.number)}
                </span>
                <Badge tone={s.tone}>{s.label}</Badge>
                <span className="text-xs text-slate-600">
                  {n.calls} {n.calls === 1 ? "call" : "calls"}
                </span>
              </li>
            );
          })}
        </ul>
        <div
          className={`ml-auto rounded-md px-3 py-2 text-sm ${
            blocked
              ? "bg-rose-50 text-rose-900 ring-1 ring-rose-200"
              : nextDue
                ? "bg-amber-50 text-amber-900 ring-1 ring-amber-200"
                : "bg-emerald-50 text-emerald-900 ring-1 ring-emerald-200"
          }`}
          data-testid="next-call"
        >
          <p className="text-xs font-medium">Next permissible call</p>
          {blocked ? (
            <p className="font-semibold">None permitted</p>
          ) : account.nextCallAt === null ? (
            <p>Not evaluated yet</p>
          ) : nextDue ? (
            <p className="font-semibold">
              <LocalTime iso={account.nextCallAt} />
            </p>
          ) : (
            <p className="font-semibold">Now</p>
          )}
          {account.nextCallReason && <p className="text-xs">{account.nextCallReason}</p>}
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 border-t border-slate-100 pt-4 sm:grid-cols-4 lg:grid-cols-7">
        <Fact label="Calls">{account.calls}</Fact>
        <Fact label="Connected">{account.connected}</Fact>
        <Fact label="Conversations">{account.conversations}</Fact>
        <Fact label="Right-party contacts">{account.rightPartyContacts}</Fact>
        <Fact label="Last call">{account.lastCallAt ? <LocalTime iso={account.lastCallAt} /> : "Never"}</Fact>
        <Fact label="Last reached">{account.lastRightPartyAt ? <LocalTime iso={account.lastRightPartyAt} /> : "Never"}</Fact>
        <Fact label="Owner">
          <OwnerControl
            accountId={account.id}
            assigneeId={account.assigneeId}
            assigneeName={account.assigneeName}
            users={users}
            canAssign={canAssign}
          />
        </Fact>
      </dl>
    </header>
  );
}
