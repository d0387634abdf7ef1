"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
  /**
   * What follows the label: the count of open items beside My work and Review,
   * which the layout streams in (a <Suspense> around a server component that
   * renders a <NavCountBadge>), so the page never waits for the count.
   */
  count?: React.ReactNode;
}

const isActive = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

export function AppNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    // Seven entries for a manager do not fit a phone's width: the bar scrolls on its own (the page never scrolls sideways).
    // It is positioned so the count badges' screen-reader text (absolutely positioned) stays inside it.
    <nav aria-label="Main" className="relative flex min-w-0 flex-1 items-center gap-0.5 overflow-x-auto [scrollbar-width:thin] sm:gap-1">
      {items.map((item) => {
        const active = isActive(pathname, item.href);
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
            {item.count}
          </Link>
        );
      })}
    </nav>
  );
}

/** A navigation entry's count (its words are read out after the label: "My work, 12 open"); nothing for zero. */
export function NavCountBadge({ href, label, value, capped }: { href: string; label: string; value: number; capped: boolean }) {
  const active = isActive(usePathname(), href);
  if (value <= 0) return null;
  return (
    <span
      data-testid={`nav-count-${label}`}
      className={
        active
          ? "ml-1.5 rounded-full bg-white px-1.5 py-0.5 text-xs font-semibold text-slate-900"
          : "ml-1.5 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white"
      }
    >
      <span className="sr-only">, </span>
      {value.toLocaleString("en-US")}
      {capped ? "+" : ""}
      <span className="sr-only"> open</span>
    </span>
  );
}

/**
 * The count's place while it loads: a badge-sized pulse in the link's own
 * colour, so the entry does not change shape much when the number arrives.
 * Hidden from assistive tech (the link's name is the label until then).
 */
export function NavCountPlaceholder() {
  return <span aria-hidden className="ml-1.5 inline-block h-4 w-7 animate-pulse rounded-full bg-current align-middle opacity-20" />;
}
