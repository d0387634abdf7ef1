import Link from "next/link";
import { AppNav, type NavItem } from "./app-nav";

export function AppHeader({ items, userSlot }: { items: NavItem[]; userSlot?: React.ReactNode }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-3 px-4 sm:gap-6 sm:px-6">
        <Link href="/calls" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-600 text-xs font-bold text-white">
            L
          </span>
          <span className="sr-only sm:not-sr-only">Levers Calls</span>
        </Link>
        <AppNav items={items} />
        <div className="ml-auto flex shrink-0 items-center gap-3">{userSlot}</div>
      </div>
    </header>
  );
}
