/** A timestamp shown the same way wherever the server runs: ISO-like, in UTC, labelled. */
export function UtcTime({ date }: { date: Date }) {
  const iso = date.toISOString();
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`}</time>;
}
