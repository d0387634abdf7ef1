"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
  /** A count shown beside the label (My work's open items); its words are read out after the label. */
  count?: { value: number; capped: boolean };
}

export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    // Seven entries for a manager do not fit a phone's width: the bar scrolls on its own (the page never scrolls sideways).
    <nav aria-label="Main" className="relative flex min-w-0 flex-1 items-center gap-0.5 overflow-x-auto [scrollbar-width:thin] sm:gap-1">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={
              active
                ? "shrink-0 whitespace-nowrap rounded-md bg-slate-900 px-2 py-1.5 sm:px-3 text-sm font-medium text-white"
                : "shrink-0 whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 sm:px-3 hover:bg-slate-100 hover:text-slate-900"
            }
          >
            {item.label}
            {item.count && item.count.value > 0 ? (
              <span
                data-testid={`nav-count-${item.label}`}
                className={
                  active
                    ? "ml-1.5 rounded-full bg-white px-1.5 py-0.5 text-xs font-semibold text-slate-900"
                    : "ml-1.5 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                }
              >
                <span className="sr-only">, </span>
                {item.count.value.toLocaleString("en-US")}
                {item.count.capped ? "+" : ""}
                <span className="sr-only"> open</span>
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
