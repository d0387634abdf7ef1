"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { LoginState } from "@/components/auth/login-form";
import { landingFor } from "@/lib/auth/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { signInWithPassword, signOutCurrent } from "@/lib/auth/sign-in";

export async function signInAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "");
  const result = await signInWithPassword({ email, password: form.get("password") }, await headers());
  if (!result.ok) return { error: result.error, field: result.field, email };
  // Straight to the role's landing page: a redirect to "/" is rendered inside this action's response,
  // before the browser holds the new session cookie, and would land an agent on the default instead.
  const next = String(form.get("next") ?? "");
  redirect(next ? safeNextPath(next) : landingFor(result.role));
}

export async function signOutAction(): Promise<void> {
  await signOutCurrent(await headers());
  redirect("/login?signedOut=1");
}
