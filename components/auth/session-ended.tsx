"use client";

import { LogIn } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

/** The 401 page body (app/unauthorized.tsx): the session is gone; sign in again and come back here. */
export function SessionEnded() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const next = `${pathname}${search ? `?${search}` : ""}`;
  return (
    <main className="mx-auto flex min-h-[70vh] max-w-md flex-col items-center justify-center gap-3 text-center">
      <span className="grid size-12 place-items-center rounded-full bg-indigo-50 text-indigo-600">
        <LogIn aria-hidden className="size-6" />
      </span>
      <p className="text-sm font-semibold text-indigo-700">401 · Signed out</p>
      <h1 className="text-2xl font-semibold">Your session has ended</h1>
      <p className="text-slate-600">Sessions end after a period without activity, or at the end of the day. Sign in again to continue.</p>
      <Link
        href={`/login?expired=1&next=${encodeURIComponent(next)}`}
        className="mt-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        Sign in again
      </Link>
    </main>
  );
}
