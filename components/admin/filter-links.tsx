import clsx from "clsx";
import Link from "next/link";

/** A row of pill links that set one query parameter (status, action, …); the active one is marked. */
export function FilterLinks({
  label,
  options,
  active,
}: {
  label: string;
  options: { href: string; label: string; value: string; count?: number }[];
  active: string;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-1.5">
      {options.map((option) => {
        const current = option.value === active;
        return (
          <Link
            key={option.value}
            href={option.href}
            aria-current={current ? "page" : undefined}
            className={clsx(
              "rounded-full px-3 py-1 text-sm ring-1",
              current ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-700 ring-slate-200 hover:bg-slate-50",
            )}
          >
            {option.label}
            {option.count !== undefined ? (
              <span className={clsx("ml-1.5 tabular-nums", current ? "text-slate-300" : "text-slate-500")}>
                {option.count.toLocaleString("en")}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
