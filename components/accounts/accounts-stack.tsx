import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/time";
import type { AccountListItem } from "@/lib/accounts/list/types";
import { dueWords, formatMoney, formatPhone, keyValue } from "./format";

/** The list at phone width: one card per account (key, last call, number, what is open) instead of eight columns. */
export function AccountsStack({ items }: { items: AccountListItem[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="accounts-stack">
      {items.map((item) => {
        const { value } = keyValue(item.key);
        const number = item.numbers[0];
        const p = item.openPromise;
        return (
          <li key={item.id} data-account-id={item.id}>
            <Link href={`/accounts/${item.id}`} className="block space-y-1.5 px-4 py-3 outline-offset-[-2px] active:bg-indigo-50">
              <div className="flex items-baseline justify-between gap-3 text-sm">
                <span className="truncate font-semibold text-slate-900">{value}</span>
                <span className="shrink-0 text-xs text-slate-600">
                  {item.lastCall ? <RelativeTime iso={item.lastCall.at} /> : "No calls"} · {item.calls.toLocaleString("en-US")}{" "}
                  {item.calls === 1 ? "call" : "calls"}
                </span>
              </div>
              {number && (
                <p className="text-[13px] tabular-nums text-slate-700">
                  {formatPhone(number.number)}
                  {number.status !== "active" && <span className="text-rose-700"> · {number.status.replace(/_/g, " ")}</span>}
                  {item.numbers.length > 1 && <span className="text-slate-600"> · +{item.numbers.length - 1}</span>}
                </p>
              )}
              <div className="flex flex-wrap gap-1.5">
                {p && (
                  <Badge tone={p.status === "overdue" ? "red" : "blue"}>
                    {formatMoney(p.amountCents, p.currency)} {p.dueDate ? dueWords(p.dueDate) : "no date"}
                  </Badge>
                )}
                {item.brokenPromises > 0 && <Badge tone="red">{item.brokenPromises} broken</Badge>}
                {item.openCallback && <Badge tone="amber">Callback</Badge>}
                {item.wrongNumbers > 0 && <Badge tone="red">Wrong number</Badge>}
                {item.rightPartyContacts === 0 && <Badge tone="neutral">Never reached</Badge>}
                <Badge tone="neutral">{item.attemptsLast7Days} in 7 d</Badge>
              </div>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
