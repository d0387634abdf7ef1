import { formatPhone } from "@/components/call-detail/format";
import type { BadgeTone } from "@/components/ui/badge";

/** Display helpers for the accounts pages (plain functions, client and server). */
export { formatPhone };

/** `account_id:A-1042` → `A-1042` (the field is shown apart); `tel:+1…` → the formatted number. */
export function keyValue(key: string): { value: string; field: string } {
  const i = key.indexOf(":");
  if (i < 0) return { value: key, field: "" };
  const field = key.slice(0, i);
  const value = key.slice(i + 1);
  return field === "tel" ? { value: formatPhone(value), field: "number" } : { value, field };
}

export function formatMoney(cents: number | null, currency: string | null): string {
  if (cents === null) return "amount not said";
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: currency ?? "USD" }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency ?? ""}`.trim();
  }
}

/** A calendar day (`2026-12-06`) as "Sun, Dec 6" (the year when it is not this year). */
export function formatDay(isoDate: string | null, now = new Date()): string {
  if (!isoDate) return "no date said";
  const d = new Date(`${isoDate}T12:00:00Z`);
  const sameYear = d.getUTCFullYear() === now.getUTCFullYear();
  return d.toLocaleDateString("en-US", {
    weekday: "short",
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone: "UTC",
  });
}

/** Whole days from today (UTC) to a calendar day: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFromToday(isoDate: string, now = new Date()): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - today) / 86_400_000);
}

export function dueWords(isoDate: string, now = new Date()): string {
  const n = daysFromToday(isoDate, now);
  if (n === 0) return "due today";
  if (n === 1) return "due tomorrow";
  if (n === -1) return "due yesterday";
  return n > 0 ? `due in ${n} days` : `due ${-n} days ago`;
}

export const NUMBER_STATUS_LABEL: Record<string, string> = {
  active: "Active",
  wrong_number: "Wrong number",
  not_in_service: "Not in service",
};

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
