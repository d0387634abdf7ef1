import clsx from "clsx";
import { Download } from "lucide-react";

/**
 * The frame every analytics widget shares: heading, one-line explanation,
 * CSV download, and room for the chart. The section is labelled by its
 * heading; charts inside also carry a visually hidden data table.
 */
export function ChartCard({
  id,
  title,
  description,
  csvHref,
  actions,
  className,
  children,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  csvHref?: string;
  actions?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  const headingId = `${id}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`widget-${id}`}
      className={clsx("flex min-w-0 flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-xs", className)}
    >
      <header className="mb-3 flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
        </div>
        {actions}
        {csvHref && (
          <a
            href={csvHref}
            download
            className="inline-flex h-7 shrink-0 items-center gap-1 rounded-md border border-slate-200 px-2 text-xs font-medium text-slate-600 hover:bg-slate-50 hover:text-slate-900"
            aria-label={`Download ${title} as CSV`}
          >
            <Download aria-hidden className="size-3.5" />
            CSV
          </a>
        )}
      </header>
      <div className="min-h-0 flex-1">{children}</div>
    </section>
  );
}

/** A visually hidden table of a chart's numbers, so the chart is not only pixels. A row's first cell is its header, unique within the table (it keys the row). */
export function DataTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  // The wrapper does the hiding: a <table> ignores the 1px box of sr-only and would widen the page.
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={columns[j]} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={columns[j]}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EmptyChart({ children = "No calls in this period match the filters." }: { children?: React.ReactNode }) {
  return <div className="grid h-full min-h-40 place-items-center rounded-lg bg-slate-50 text-sm text-slate-500">{children}</div>;
}
