import { cn } from "./cn";

/** A grey placeholder block while content loads; hidden from assistive tech (the region says it is busy). */
export function Skeleton({ className, style }: { className?: string; style?: React.CSSProperties }) {
  // A caller's own grey replaces the default one (two bg-* classes would race in the stylesheet).
  return (
    <div aria-hidden className={cn("animate-pulse rounded", !className?.includes("bg-") && "bg-slate-200/70", className)} style={style} />
  );
}
