import { AlertTriangle, PhoneCall, PhoneOff } from "lucide-react";
import { OutcomeBadge, SentimentBadge } from "@/components/call-detail/call-badges";
import { Badge } from "@/components/ui/badge";
import { LocalTime, RelativeTime } from "@/components/ui/time";
import type { AccountListItem } from "@/lib/accounts/list/types";
import { dueWords, formatDay, formatMoney, formatPhone, keyValue, NUMBER_STATUS_LABEL } from "./format";

/** The pieces of an accounts-list row, shared by the table (desktop) and the stacked cards (phone). */

export function AccountKey({ item }: { item: AccountListItem }) {
  const { value, field } = keyValue(item.key);
  return (
    <span className="min-w-0">
      <span className="block truncate font-semibold text-slate-900">{value}</span>
      <span className="block truncate text-xs text-slate-600">
        {field}
        {item.assignee ? ` · ${item.assignee.name ?? item.assignee.id}` : " · unassigned"}
      </span>
    </span>
  );
}

export function NumberList({ numbers, max = 2 }: { numbers: AccountListItem["numbers"]; max?: number }) {
  if (!numbers.length) return <span className="text-slate-600">—</span>;
  const shown = numbers.slice(0, max);
  return (
    <ul className="space-y-0.5">
      {shown.map((n) => (
        // Wraps: in the fixed-width column a status badge beside a long number ran over the next column.
        <li key={n.number} className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
          {n.status === "active" ? (
            <PhoneCall aria-hidden className="size-3 shrink-0 text-emerald-600" />
          ) : (
            <PhoneOff aria-hidden className="size-3 shrink-0 text-rose-600" />
          )}
          <span
            className={
              n.status === "active"
                ? "whitespace-nowrap tabular-nums text-slate-800"
                : "whitespace-nowrap tabular-nums text-slate-600 line-through"
            }
          >
            {formatPhone(n.number)}
          </span>
          {n.status !== "active" && <span className="sr-only">({NUMBER_STATUS_LABEL[n.status] ?? n.status})</span>}
          {n.status !== "active" && (
            <Badge tone="red" aria-hidden className="px-1.5 py-0 text-[11px]">
              {NUMBER_STATUS_LABEL[n.status] ?? n.status}
            </Badge>
          )}
        </li>
      ))}
      {numbers.length > max && <li className="text-xs text-slate-600">+{numbers.length - max} more</li>}
    </ul>
  );
}

export function LastCall({ item }: { item: AccountListItem }) {
  if (!item.lastCall) return <span className="text-slate-600">No calls</span>;
  return (
    <span className="flex flex-col items-start gap-1">
      <span className="text-xs text-slate-700">
        <RelativeTime iso={item.lastCall.at} />
      </span>
      <span className="flex flex-wrap gap-1">
        <OutcomeBadge value={item.lastCall.outcome} />
        {item.lastCall.sentiment && <SentimentBadge value={item.lastCall.sentiment} />}
      </span>
    </span>
  );
}

export function OpenPromise({ item }: { item: AccountListItem }) {
  const p = item.openPromise;
  return (
    <span className="flex flex-col items-start gap-1">
      {p ? (
        <>
          <span className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium tabular-nums text-slate-900">{formatMoney(p.amountCents, p.currency)}</span>
            {p.status === "overdue" ? <Badge tone="red">Overdue</Badge> : <Badge tone="blue">Pending</Badge>}
          </span>
          <span className="text-xs text-slate-700">
            {p.dueDate ? (
              <>
                {formatDay(p.dueDate)} · {dueWords(p.dueDate)}
              </>
            ) : (
              "no date said"
            )}
          </span>
        </>
      ) : (
        <span className="text-slate-600">None open</span>
      )}
      {item.brokenPromises > 0 && (
        <Badge tone="red" className="gap-1">
          <AlertTriangle aria-hidden className="size-3" />
          {item.brokenPromises} broken
        </Badge>
      )}
    </span>
  );
}

export function OpenCallback({ item }: { item: AccountListItem }) {
  if (!item.openCallback) return <span className="text-slate-600">—</span>;
  const overdue = Date.parse(item.openCallback.dueAt) < Date.now();
  return (
    <span className="flex flex-col items-start gap-1">
      <Badge tone={overdue ? "amber" : "neutral"}>{overdue ? "Callback overdue" : "Callback"}</Badge>
      <span className="text-xs text-slate-700">
        <LocalTime iso={item.openCallback.dueAt} />
      </span>
    </span>
  );
}

export function NextCall({ item }: { item: AccountListItem }) {
  if (!item.nextCall) return <span className="text-slate-600">Not evaluated</span>;
  const { at } = item.nextCall;
  return (
    <span className="flex flex-col items-start gap-0.5">
      {at === null ? (
        <Badge tone="red">No call permitted</Badge>
      ) : Date.parse(at) <= Date.now() ? (
        <Badge tone="green">Callable now</Badge>
      ) : (
        <span className="text-slate-800">
          <LocalTime iso={at} />
        </span>
      )}
      {item.nextCall.reason && <span className="line-clamp-2 text-xs text-slate-600">{item.nextCall.reason}</span>}
    </span>
  );
}
