"use client";

import { X } from "lucide-react";
import { Dialog as D } from "radix-ui";
import { cn } from "./cn";

export const Dialog = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogClose = D.Close;

function Overlay() {
  return <D.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />;
}

function CloseButton() {
  return (
    <D.Close
      aria-label="Close"
      className="absolute right-3 top-3 grid size-8 place-items-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900"
    >
      <X aria-hidden className="size-4" />
    </D.Close>
  );
}

/** A centred modal: focus is trapped inside, Escape and the close button end it. */
export function DialogContent({ className, children, ...props }: React.ComponentProps<typeof D.Content>) {
  return (
    <D.Portal>
      <Overlay />
      <D.Content
        className={cn(
          "fixed left-1/2 top-1/2 z-50 max-h-[calc(100dvh-32px)] w-[calc(100vw-32px)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl border border-slate-200 bg-white p-5 shadow-xl outline-none",
          className,
        )}
        {...props}
      >
        {children}
        <CloseButton />
      </D.Content>
    </D.Portal>
  );
}

/** The same modal as a panel sliding from an edge (phone filters). */
export function SheetContent({
  className,
  children,
  side = "right",
  ...props
}: React.ComponentProps<typeof D.Content> & { side?: "left" | "right" }) {
  return (
    <D.Portal>
      <Overlay />
      <D.Content
        className={cn(
          "fixed inset-y-0 z-50 flex w-[min(22rem,calc(100vw-24px))] flex-col overflow-y-auto border-slate-200 bg-white p-4 shadow-xl outline-none",
          side === "right" ? "right-0 border-l" : "left-0 border-r",
          className,
        )}
        {...props}
      >
        {children}
        <CloseButton />
      </D.Content>
    </D.Portal>
  );
}

export function DialogTitle({ className, ...props }: React.ComponentProps<typeof D.Title>) {
  return <D.Title className={cn("pr-10 text-base font-semibold text-slate-900", className)} {...props} />;
}

export function DialogDescription({ className, ...props }: React.ComponentProps<typeof D.Description>) {
  return <D.Description className={cn("mt-1 text-sm text-slate-600", className)} {...props} />;
}
