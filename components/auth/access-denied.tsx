import { ShieldAlert } from "lucide-react";
import Link from "next/link";

/** The 403 page body (app/forbidden.tsx): says what happened and where to go instead. */
export function AccessDenied() {
  return (
    <main className="mx-auto flex min-h-[70vh] max-w-md flex-col items-center justify-center gap-3 text-center">
      <span className="grid size-12 place-items-center rounded-full bg-amber-50 text-amber-600">
        <ShieldAlert aria-hidden className="size-6" />
      </span>
      <p className="text-sm font-semibold text-amber-700">403 · Not allowed</p>
      <h1 className="text-2xl font-semibold">Your role cannot open this page</h1>
      <p className="text-slate-600">
        This part of the dashboard is limited to other roles. If you need it for your work, ask an admin to change your role.
      </p>
      <Link href="/calls" className="mt-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
        Back to calls
      </Link>
    </main>
  );
}
