import type { BadgeTone } from "@/components/ui/badge";

export function formatCents(cents: number | null, currency: string | null = "USD"): string {
  if (cents === null) return "No amount";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency ?? "USD" }).format(cents / 100);
}

const DAY = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** "Fri, Mar 6, 2026" for a calendar day (YYYY-MM-DD, the contact's local day). */
export function formatDay(isoDate: string | null): string {
  if (!isoDate) return "No date said";
  return DAY.format(new Date(`${isoDate}T12:00:00Z`));
}

/** A wall-clock instant in the contact's zone: "Tue, Mar 10, 6:00 PM CDT". */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

export const PROMISE_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "amber" },
  kept: { label: "Kept", tone: "green" },
  kept_late: { label: "Kept late", tone: "blue" },
  broken: { label: "Broken", tone: "red" },
  superseded: { label: "Superseded", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export const CALLBACK_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  open: { label: "Open", tone: "amber" },
  done: { label: "Done", tone: "green" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export const NUMBER_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  wrong_number: { label: "Wrong number", tone: "red" },
  not_in_service: { label: "Not in service", tone: "neutral" },
};

export const EDIT_LABELS: Record<string, string> = {
  promise_due_date: "due date corrected",
  promise_amount: "amount corrected",
  promise_reviewed: "reviewed",
  promise_cancel: "cancelled",
  callback_assign: "reassigned",
  callback_close: "closed",
  account_assign: "owner changed",
};
