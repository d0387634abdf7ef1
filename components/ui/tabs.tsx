"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Tabs as T } from "radix-ui";
import { cn } from "./cn";

const TAB = "-mb-px inline-flex min-h-9 items-center border-b-2 px-3 py-2 text-sm font-medium outline-offset-[-2px]";
const ON = "border-indigo-600 text-indigo-700";
const OFF = "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900";

/** Tabs over panels on one page (Radix: arrow keys move between tabs). */
export const Tabs = T.Root;

export function TabsList({ className, ...props }: React.ComponentProps<typeof T.List>) {
  return <T.List className={cn("relative flex gap-1 overflow-x-auto border-b border-slate-200", className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: React.ComponentProps<typeof T.Trigger>) {
  return (
    <T.Trigger
      className={cn(TAB, OFF, "data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700", className)}
      {...props}
    />
  );
}

export const TabsContent = T.Content;

/** Tabs that are pages (each its own URL): links with aria-current, not a tablist. */
export function NavTabs({ label, items }: { label: string; items: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="relative flex gap-1 overflow-x-auto border-b border-slate-200">
      {items.map((tab) => {
        const active = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn(TAB, "whitespace-nowrap", active ? ON : OFF)}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
