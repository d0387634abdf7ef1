"use server";

import { redirect } from "next/navigation";
import { AppError } from "@/lib/http/errors";
import { claimForReview } from "@/lib/review/queue";
import { submitReview } from "@/lib/review/reviews";

/** Claims a queued call and opens it for scoring; a call someone else holds comes back to the queue with why. */
export async function claimAction(form: FormData): Promise<void> {
  const callId = String(form.get("callId") ?? "");
  try {
    await claimForReview(callId);
  } catch (error) {
    if (error instanceof AppError && error.status !== 401 && error.status !== 403) {
      redirect(`/review?notice=${encodeURIComponent(error.message)}`);
    }
    throw error;
  }
  redirect(`/review/${callId}`);
}

export interface SubmitState {
  ok: boolean;
  message: string | null;
  issues?: { path: string; message: string }[];
}

export async function submitReviewAction(callId: string, _: SubmitState, form: FormData): Promise<SubmitState> {
  let body: unknown;
  try {
    body = JSON.parse(String(form.get("review") ?? ""));
  } catch {
    return { ok: false, message: "The review could not be read. Reload the page and try again." };
  }
  try {
    const review = await submitReview(callId, body);
    return { ok: true, message: `Saved: score ${review.score ?? "n/a"}${review.criticalFailed ? " (a critical question failed)" : ""}.` };
  } catch (error) {
    if (error instanceof AppError && error.status !== 401 && error.status !== 403) {
      const issues = (error.extra.issues as SubmitState["issues"]) ?? undefined;
      return { ok: false, message: error.message, issues };
    }
    throw error;
  }
}
