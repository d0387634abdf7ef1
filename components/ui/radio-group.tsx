"use client";

import { RadioGroup as R } from "radix-ui";
import { cn } from "./cn";

export interface RadioOption {
  value: string;
  label: string;
}

/**
 * A row of choices (Radix radio group: Tab enters the group, arrow keys move
 * and select, the group is one tab stop). Arrow keys stop here, so page-wide
 * shortcuts (the player's seek on ←/→) do not fire while choosing.
 */
export function RadioGroup({
  options,
  className,
  onKeyDown,
  ...props
}: Omit<React.ComponentProps<typeof R.Root>, "children"> & { options: readonly RadioOption[] }) {
  return (
    <R.Root
      className={cn("flex flex-wrap gap-1.5", className)}
      onKeyDown={(e) => {
        if (e.key.startsWith("Arrow")) e.stopPropagation();
        onKeyDown?.(e);
      }}
      {...props}
    >
      {options.map((option) => (
        <R.Item
          key={option.value}
          value={option.value}
          className={cn(
            "inline-flex h-8 min-w-8 items-center justify-center rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700",
            "hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600",
            "data-[state=checked]:border-indigo-600 data-[state=checked]:bg-indigo-600 data-[state=checked]:text-white",
          )}
        >
          {option.label}
        </R.Item>
      ))}
    </R.Root>
  );
}
