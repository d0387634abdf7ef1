/** 75 → "1:15", 3725 → "1:02:05". */
export function formatClock(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** 75 → "1 min 15 s", 40 → "40 s". */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest ? `${m} min ${rest} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}

/** A length of time as a clock ("2:52"), machine-readable for assistive tech. */
export function Duration({ seconds, className }: { seconds: number; className?: string }) {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  return (
    <time dateTime={`PT${s}S`} className={className}>
      {formatClock(s)}
    </time>
  );
}
