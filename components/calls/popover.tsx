"use client";

import clsx from "clsx";
import { ChevronDown } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";

/**
 * A toolbar button that opens a small panel below it. Closes on Escape, on a
 * click outside, and when focus leaves it; no dependency on a UI kit.
 */
export function Popover({
  label,
  active = false,
  align = "left",
  children,
  testId,
}: {
  label: React.ReactNode;
  active?: boolean;
  align?: "left" | "right";
  children: (close: () => void) => React.ReactNode;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        root.current?.querySelector<HTMLButtonElement>("button")?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
        className={clsx(
          "inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-sm font-medium shadow-xs transition-colors",
          active
            ? "border-indigo-300 bg-indigo-50 text-indigo-800 hover:bg-indigo-100"
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
        )}
      >
        {label}
        <ChevronDown aria-hidden className="size-3.5 opacity-60" />
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          className={clsx(
            "absolute top-full z-40 mt-1.5 min-w-56 rounded-lg border border-slate-200 bg-white p-1.5 shadow-lg",
            align === "right" ? "right-0" : "left-0",
          )}
        >
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
