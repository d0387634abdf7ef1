"use client";

import { Check, ChevronDown } from "lucide-react";
import { Select as S } from "radix-ui";
import { cn } from "./cn";

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A one-of-many choice in the toolbar's look (Radix: typeahead, arrow keys,
 * the chosen option announced). Radix needs a non-empty value, so "" (no
 * choice) travels as NONE.
 */
export function Select({
  value,
  onChange,
  options,
  label,
  active = false,
  className,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  /** The accessible name; the trigger shows the chosen option. */
  label: string;
  active?: boolean;
  className?: string;
  testId?: string;
}) {
  return (
    <S.Root value={value === "" ? NONE : value} onValueChange={(v) => onChange(v === NONE ? "" : v)}>
      <S.Trigger
        aria-label={label}
        data-testid={testId}
        className={cn(
          "inline-flex h-8 min-w-0 items-center justify-between gap-2 rounded-md border px-2.5 text-sm font-medium shadow-xs outline-none",
          active ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
          className,
        )}
      >
        <S.Value />
        <S.Icon className="ml-auto">
          <ChevronDown aria-hidden className="size-3.5 opacity-60" />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content
          position="popper"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 min-w-[var(--radix-select-trigger-width)] rounded-lg border border-slate-200 bg-white p-1 shadow-lg"
        >
          <S.Viewport>
            {options.map((o) => (
              <S.Item
                key={o.value}
                value={o.value === "" ? NONE : o.value}
                className="relative flex min-h-8 cursor-default select-none items-center rounded-md py-1.5 pl-7 pr-2.5 text-sm text-slate-700 outline-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900"
              >
                <S.ItemIndicator className="absolute left-2">
                  <Check aria-hidden className="size-3.5" />
                </S.ItemIndicator>
                <S.ItemText>{o.label}</S.ItemText>
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}

const NONE = "__none__";

/** The native <select>, styled: for forms (posts without JavaScript, the phone's own picker). */
export function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800 shadow-xs disabled:bg-slate-50",
        className,
      )}
      {...props}
    />
  );
}
