"use client";

import { Check } from "lucide-react";
import { DropdownMenu as M } from "radix-ui";
import { cn } from "./cn";

/**
 * Non-modal: a modal menu aria-hides the rest of the page without making it
 * inert, which leaves focusable elements under aria-hidden (axe: aria-hidden-focus).
 */
export function Menu(props: React.ComponentProps<typeof M.Root>) {
  return <M.Root modal={false} {...props} />;
}
export const MenuTrigger = M.Trigger;
export const MenuGroup = M.Group;

export function MenuContent({ className, align = "end", sideOffset = 6, ...props }: React.ComponentProps<typeof M.Content>) {
  return (
    <M.Portal>
      <M.Content
        align={align}
        sideOffset={sideOffset}
        collisionPadding={8}
        className={cn("z-50 min-w-48 rounded-lg border border-slate-200 bg-white p-1 shadow-lg outline-none", className)}
        {...props}
      />
    </M.Portal>
  );
}

const ITEM =
  "flex min-h-8 cursor-default select-none items-center gap-2 rounded-md px-2.5 py-1.5 text-sm text-slate-700 outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900";

export function MenuItem({ className, ...props }: React.ComponentProps<typeof M.Item>) {
  return <M.Item className={cn(ITEM, className)} {...props} />;
}

/** A ticked / unticked choice that keeps the menu open, so several can be changed in a row. */
export function MenuCheckboxItem({ className, children, onSelect, ...props }: React.ComponentProps<typeof M.CheckboxItem>) {
  return (
    <M.CheckboxItem
      className={cn(ITEM, "group relative pl-8", className)}
      onSelect={(event) => {
        event.preventDefault();
        onSelect?.(event);
      }}
      {...props}
    >
      <span className="absolute left-2.5 grid size-4 place-items-center rounded border border-slate-300 group-data-[state=checked]:border-indigo-600 group-data-[state=checked]:bg-indigo-600">
        <M.ItemIndicator>
          <Check aria-hidden className="size-3 text-white" strokeWidth={3} />
        </M.ItemIndicator>
      </span>
      {children}
    </M.CheckboxItem>
  );
}

export function MenuLabel({ className, ...props }: React.ComponentProps<typeof M.Label>) {
  return <M.Label className={cn("px-2.5 py-1.5 text-xs font-medium text-slate-500", className)} {...props} />;
}

export function MenuSeparator({ className, ...props }: React.ComponentProps<typeof M.Separator>) {
  return <M.Separator className={cn("my-1 h-px bg-slate-100", className)} {...props} />;
}
