"use client";

import clsx from "clsx";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRowKeys } from "@/components/ui/use-row-keys";
import type { AccountSort } from "@/lib/accounts/list/filter-table";
import type { AccountListItem } from "@/lib/accounts/list/types";
import { AccountKey, LastCall, NextCall, NumberList, OpenCallback, OpenPromise } from "./account-cells";

interface Props {
  items: AccountListItem[];
  sort: AccountSort;
  onSort: (sort: AccountSort) => void;
}

/**
 * The accounts table (md and up). The server sorts and pages; the headers of
 * the two orderings toggle them. j / k move between rows, Enter opens the
 * focused account (the row's first cell is its link); a click anywhere on a row opens it too.
 */
export function AccountsTable({ items, sort, onSort }: Props) {
  const router = useRouter();
  const { body, focused, setFocused } = useRowKeys(items);

  const [key, direction] = sort.split(".") as ["lastCall" | "nextCall", "asc" | "desc"];
  const header = (label: string, column: "lastCall" | "nextCall", first: "asc" | "desc") => {
    const active = key === column;
    const Icon = !active ? ArrowUpDown : direction === "desc" ? ArrowDown : ArrowUp;
    const next: AccountSort = active ? `${column}.${direction === "desc" ? "asc" : "desc"}` : `${column}.${first}`;
    return (
      <th scope="col" aria-sort={active ? (direction === "desc" ? "descending" : "ascending") : "none"} className={TH}>
        <button
          type="button"
          onClick={() => onSort(next)}
          className="-mx-1 inline-flex min-h-6 items-center gap-1 rounded px-1 uppercase tracking-wide hover:bg-slate-200/60 hover:text-slate-900"
        >
          {label}
          <Icon aria-hidden className={clsx("size-3", !active && "opacity-50")} />
        </button>
      </th>
    );
  };

  return (
    <table className="w-full table-fixed border-separate border-spacing-0 text-sm" data-testid="accounts-table">
      <colgroup>
        <col className="w-[12%]" />
        <col className="w-[14%]" />
        <col className="w-[11%]" />
        <col className="w-[9%]" />
        <col className="w-[18%]" />
        <col className="w-[15%]" />
        <col className="w-[9%]" />
        <col className="w-[12%]" />
      </colgroup>
      <thead className="sticky top-0 z-10 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
        <tr>
          <th scope="col" className={TH}>
            Account
          </th>
          <th scope="col" className={TH}>
            Numbers
          </th>
          <th scope="col" className={TH}>
            Portfolio
          </th>
          <th scope="col" className={TH}>
            <abbr title="Calls in total · right-party contacts (reached) · attempts in the last 7 days" className="no-underline">
              Calls
            </abbr>
          </th>
          {header("Last call", "lastCall", "desc")}
          <th scope="col" className={TH}>
            Open promise
          </th>
          <th scope="col" className={TH}>
            Callback
          </th>
          {header("Next call", "nextCall", "asc")}
        </tr>
      </thead>
      <tbody ref={body}>
        {items.map((item, i) => (
          <tr
            key={item.id}
            data-account-id={item.id}
            onClick={(e) => {
              if ((e.target as HTMLElement).closest("a,button") || window.getSelection()?.toString()) return;
              router.push(`/accounts/${item.id}`);
            }}
            className={clsx("cursor-pointer align-top hover:bg-indigo-50/40", focused === i && "bg-indigo-50/60")}
          >
            <td className={TD}>
              <Link
                href={`/accounts/${item.id}`}
                data-row-link
                onFocus={() => setFocused(i)}
                className="block rounded outline-offset-2 hover:underline"
              >
                <AccountKey item={item} />
              </Link>
            </td>
            <td className={TD}>
              <NumberList numbers={item.numbers} />
            </td>
            <td className={clsx(TD, "text-slate-700")}>
              {item.portfolios.length ? (
                <ul className="space-y-0.5 font-mono text-xs">
                  {item.portfolios.map((p) => (
                    <li key={p} className="truncate">
                      {p}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-600">—</span>
              )}
            </td>
            <td className={clsx(TD, "tabular-nums")}>
              <span className="block font-medium text-slate-900">{item.calls.toLocaleString("en-US")}</span>
              <span className="block whitespace-nowrap text-xs text-slate-600">{item.rightPartyContacts} reached</span>
              <span className="block whitespace-nowrap text-xs text-slate-600">{item.attemptsLast7Days} in 7 days</span>
            </td>
            <td className={TD}>
              <LastCall item={item} />
            </td>
            <td className={TD}>
              <OpenPromise item={item} />
            </td>
            <td className={TD}>
              <OpenCallback item={item} />
            </td>
            <td className={TD}>
              <NextCall item={item} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const TH = "whitespace-nowrap border-b border-slate-200 px-3 py-2.5 text-left font-medium";
const TD = "border-b border-slate-100 px-3 py-3";
