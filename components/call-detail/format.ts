/** Small display helpers for the call page (plain functions, client and server). */
export { formatClock, formatDuration } from "@/components/ui/duration";

/** "+15074106928" → "+1 507 410 6928" for NANP numbers; other E.164 numbers are grouped loosely. */
export function formatPhone(value: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(value);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  const other = /^\+(\d{1,3})(\d{6,12})$/.exec(value);
  if (!other) return value;
  const rest = other[2]!.replace(/(\d{3})(?=\d{4,})/g, "$1 ");
  return `+${other[1]} ${rest}`;
}
