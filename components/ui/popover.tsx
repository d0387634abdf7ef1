"use client";

import { ChevronDown } from "lucide-react";
import { Popover as P } from "radix-ui";
import { useState } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";

export const PopoverRoot = P.Root;
export const PopoverTrigger = P.Trigger;
export const PopoverClose = P.Close;

/** The floating panel: portalled, focus moves in on open and back to the trigger on close. */
export function PopoverContent({ className, align = "start", sideOffset = 6, ...props }: React.ComponentProps<typeof P.Content>) {
  return (
    <P.Portal>
      <P.Content
        align={align}
        sideOffset={sideOffset}
        collisionPadding={8}
        className={cn(
          "z-50 max-h-[var(--radix-popover-content-available-height)] max-w-[calc(100vw-16px)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-1.5 shadow-lg outline-none",
          className,
        )}
        {...props}
      />
    </P.Portal>
  );
}

/**
 * A toolbar button that opens a panel below it: the filters' and menus' shape.
 * `children` gets `close` for choices that finish the job (a preset, Apply).
 */
export function Popover({
  label,
  active = false,
  align = "left",
  children,
  testId,
  title,
}: {
  label: React.ReactNode;
  active?: boolean;
  align?: "left" | "right";
  children: (close: () => void) => React.ReactNode;
  testId?: string;
  /** The panel's accessible name (defaults to the trigger's text). */
  title?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <P.Root open={open} onOpenChange={setOpen}>
      <P.Trigger data-testid={testId} className={buttonClass({ variant: active ? "active" : "secondary" })}>
        {label}
        <ChevronDown aria-hidden className="ml-auto size-3.5 opacity-60" />
      </P.Trigger>
      <PopoverContent align={align === "right" ? "end" : "start"} aria-label={title}>
        {children(() => setOpen(false))}
      </PopoverContent>
    </P.Root>
  );
}
