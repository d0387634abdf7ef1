import { formatDistanceToNowStrict } from "date-fns";

export { LocalTime, RelativeTime } from "./time-client";

/** A timestamp shown the same way wherever the server runs: ISO-like, in UTC, labelled. */
export function UtcTime({ date }: { date: Date }) {
  const iso = date.toISOString();
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`}</time>;
}

/** "3 min ago" for an admin table, the exact UTC time on hover; `never` when there is no date. */
export function AgoTime({ date, never = "Never" }: { date: Date | null; never?: string }) {
  if (!date) return <>{never}</>;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()} suppressHydrationWarning>
      {formatDistanceToNowStrict(date, { addSuffix: true })}
    </time>
  );
}
