"use client";

import { SlidersHorizontal } from "lucide-react";
import type { ReactNode } from "react";
import { buttonClass } from "./button";
import { Dialog, DialogClose, DialogTitle, DialogTrigger, SheetContent } from "./dialog";

/**
 * Below the md breakpoint a list's filter row does not fit: the same controls
 * open in a side sheet. The trigger shows how many filters are on; the close
 * button says what the list shows (`doneLabel`, e.g. "Show calls").
 */
export function FilterSheet({ count, doneLabel, children }: { count: number; doneLabel: string; children: ReactNode }) {
  return (
    <Dialog>
      <DialogTrigger
        className={buttonClass({ variant: count ? "active" : "secondary", className: "md:hidden" })}
        data-testid="open-filters"
      >
        <SlidersHorizontal aria-hidden className="size-3.5" />
        Filters{count ? ` (${count})` : ""}
      </DialogTrigger>
      <SheetContent aria-describedby={undefined}>
        <DialogTitle>Filters</DialogTitle>
        {/* biome-ignore lint/a11y/useSemanticElements: a column of filter buttons, not a form section; <fieldset> would bring its own border, padding and min-width */}
        <div role="group" aria-label="Filters" className="mt-4 flex flex-col items-stretch gap-2 [&>*]:w-full [&>button]:justify-start">
          {children}
        </div>
        <DialogClose className={buttonClass({ variant: "dark", size: "md", className: "mt-6 w-full" })}>{doneLabel}</DialogClose>
      </SheetContent>
    </Dialog>
  );
}
