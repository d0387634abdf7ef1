"use client";

import { ChevronDown, LogOut } from "lucide-react";
import { useTransition } from "react";
import { Menu, MenuContent, MenuItem, MenuSeparator, MenuTrigger } from "@/components/ui/menu";

export interface UserMenuProps {
  name: string;
  email: string;
  roleLabel: string;
  signOut: () => Promise<void>;
}

export function UserMenu({ name, email, roleLabel, signOut }: UserMenuProps) {
  const [pending, startTransition] = useTransition();
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");

  return (
    <Menu>
      {/* Named by its visible text plus a hidden "account menu", so the name contains the label (WCAG 2.5.3). */}
      <MenuTrigger className="flex min-h-9 items-center gap-2 rounded-full py-1 pl-1 pr-2 text-sm hover:bg-slate-100">
        <span aria-hidden className="grid size-7 place-items-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700">
          {initials || "?"}
        </span>
        <span className="hidden text-left leading-tight sm:block">
          <span className="block font-medium text-slate-800">{name}</span>
          <span className="block text-xs text-slate-600">{roleLabel}</span>
        </span>
        <span className="sr-only sm:hidden">{name}</span>
        <span className="sr-only">, account menu</span>
        <ChevronDown aria-hidden className="size-4 text-slate-500" />
      </MenuTrigger>
      <MenuContent aria-label="Account" className="w-64">
        <div className="px-3 py-2">
          <p className="truncate text-sm font-medium text-slate-900">{name}</p>
          <p className="truncate text-xs text-slate-600">{email}</p>
          <p className="mt-1 inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{roleLabel}</p>
        </div>
        <MenuSeparator />
        <MenuItem disabled={pending} onSelect={() => startTransition(() => signOut())}>
          <LogOut aria-hidden className="size-4" />
          Sign out
        </MenuItem>
      </MenuContent>
    </Menu>
  );
}
