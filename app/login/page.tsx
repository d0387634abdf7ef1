import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getViewer } from "@/lib/auth/guard";
import { safeNextPath } from "@/lib/auth/next-path";
import { demoAccountsToShow } from "@/lib/demo/accounts";
import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // No `next`: each role goes to its landing page (agents: My work), by "/" here and by the sign-in action.
  const next = typeof params.next === "string" ? safeNextPath(params.next) : null;
  if (await getViewer()) redirect(next ?? "/");
  const demoAccounts = await demoAccountsToShow();
  const notice = params.signedOut ? "You have been signed out." : params.expired ? "Your session ended. Sign in again to continue." : null;

  return (
    <main className="grid min-h-screen lg:grid-cols-[1fr_560px]">
      <section className="relative hidden overflow-hidden bg-slate-900 lg:flex lg:flex-col lg:justify-between lg:p-12">
        <div
          aria-hidden
          className="absolute inset-0 bg-[radial-gradient(ellipse_at_top_left,rgba(99,102,241,0.45),transparent_55%),radial-gradient(ellipse_at_bottom_right,rgba(16,185,129,0.25),transparent_50%)]"
        />
        <div className="relative flex items-center gap-2.5 text-lg font-semibold text-white">
          <span aria-hidden className="grid size-9 place-items-center rounded-lg bg-indigo-500 text-sm font-bold">
            L
          </span>
          Levers Calls
        </div>
        <div className="relative max-w-md">
          <h2 className="text-3xl font-semibold leading-tight text-white">Every AI collections call, reviewed in one place.</h2>
          <p className="mt-4 text-base leading-relaxed text-slate-300">
            Outcomes, transcripts and recordings for your team, with access limited to the people who need it.
          </p>
        </div>
        <p className="relative text-xs text-slate-500">Contains personal data about debtors. Access is logged.</p>
      </section>
      <section className="flex items-center justify-center px-6 py-12">
        <div className="w-full max-w-sm">
          <div className="mb-8 flex items-center gap-2.5 font-semibold lg:hidden">
            <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm font-bold text-white">
              L
            </span>
            Levers Calls
          </div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in</h1>
          <p className="mt-1.5 text-sm text-slate-600">Use the email and password your admin gave you.</p>
          {notice ? (
            <p role="status" className="mt-5 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700">
              {notice}
            </p>
          ) : null}
          <div className="mt-6">
            <LoginForm action={signInAction} next={next ?? ""} demoAccounts={demoAccounts} />
          </div>
          <p className="mt-8 text-xs text-slate-500">Forgot your password? Ask an admin to reset it.</p>
        </div>
      </section>
    </main>
  );
}
