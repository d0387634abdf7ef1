import { cn } from "./cn";

/**
 * The admin tables' shell: a bordered card that scrolls sideways on its own
 * (never the page) and is focusable so a keyboard can scroll it too.
 */
export function TableFrame({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
      className={cn("relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm", className)}
    >
      {children}
    </section>
  );
}

export function Table({ className, ...props }: React.ComponentProps<"table">) {
  return <table className={cn("w-full text-left text-sm", className)} {...props} />;
}

export function TableHead({ columns }: { columns: readonly React.ReactNode[] }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
      <tr>
        {columns.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: header cells are positional (a node, not always text), fixed per table and never reordered
          <th key={i} scope="col" className="whitespace-nowrap px-4 py-2.5 font-medium">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-slate-100", className)} {...props} />;
}

export function Td({ className, ...props }: React.ComponentProps<"td">) {
  return <td className={cn("px-4 py-3", className)} {...props} />;
}

/** What a table shows when it has no rows: what is missing and what to do. */
export function TableEmpty({ children }: { children: React.ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">{children}</p>;
}
