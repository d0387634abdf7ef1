import { cn } from "./cn";

/** A grey placeholder block while content loads; hidden from assistive tech (the region says it is busy). */
export function Skeleton({ className, style }: { className?: string; style?: React.CSSProperties }) {
  return <div aria-hidden className={cn("animate-pulse rounded bg-slate-200/70", className)} style={style} />;
}
