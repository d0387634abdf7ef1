import { formatPhone } from "@/components/call-detail/format";

/** Display helpers for the accounts list (plain functions, client and server). */
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
export function formatDay(isoDate: string, now = new Date()): string {
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
