"use server";

import { revalidatePath } from "next/cache";
import { markWorkDone, snoozeWorkItem } from "@/lib/accounts/work-actions";
import { AppError } from "@/lib/http/errors";

/** Done / snooze from My work. The commands check the role and the ownership themselves. */
async function command(fn: () => Promise<unknown>, success: string) {
  try {
    await fn();
    revalidatePath("/work");
    return { ok: true, message: success };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}

export async function workDoneAction(item: string) {
  return command(() => markWorkDone({ item }), "Marked done.");
}

export async function workSnoozeAction(item: string) {
  return command(() => snoozeWorkItem({ item }), "Snoozed until tomorrow 09:00 (the contact's time).");
}
