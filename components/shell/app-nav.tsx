"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
  /** A count beside the label (e.g. calls waiting for review); null/undefined shows none. */
  count?: number | null;
}

export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 sm:gap-1">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={
              active
                ? "rounded-md bg-slate-900 px-2 py-1.5 sm:px-3 text-sm font-medium text-white"
                : "rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 sm:px-3 hover:bg-slate-100 hover:text-slate-900"
            }
          >
            {item.label}
            {item.count != null && (
              <span
                className="ml-1 rounded-full bg-indigo-100 px-1.5 text-xs font-semibold text-indigo-800"
                data-testid={`nav-count-${item.label}`}
              >
                {item.count}
                <span className="sr-only"> waiting</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
