import { cn } from "./cn";

const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  red: "bg-rose-50 text-rose-700 ring-rose-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  blue: "bg-sky-50 text-sky-700 ring-sky-200",
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short status label. `className` may carry its own colours (the outcome catalogue's). */
export function Badge({
  tone,
  shape = "square",
  className,
  ...props
}: React.ComponentProps<"span"> & { tone?: BadgeTone; shape?: "square" | "pill" }) {
  return (
    <span
      className={cn(
        "inline-flex items-center whitespace-nowrap px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        shape === "pill" ? "rounded-full" : "rounded-md",
        tone && TONES[tone],
        className,
      )}
      {...props}
    />
  );
}

/** A coloured dot before a label (pass / fail, outcome colours). */
export function Dot({ color, className }: { color?: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn("inline-block size-2 shrink-0 rounded-full", className)}
      style={color ? { backgroundColor: color } : undefined}
    />
  );
}
