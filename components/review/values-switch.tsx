"use client";

import clsx from "clsx";
import { useQueryState } from "nuqs";
import { useTransition } from "react";
import { analyticsSearchParsers } from "@/lib/analytics/search-params";

/**
 * Corrected values (people's verdicts applied, the default) or the AI's own,
 * for every figure on /analytics: the one URL parameter `values=ai`.
 */
export function ValuesSwitch() {
  const [pending, startTransition] = useTransition();
  const [values, setValues] = useQueryState("values", {
    ...analyticsSearchParsers.values,
    shallow: false,
    history: "push",
    scroll: false,
    startTransition,
  });
  const options = [
    { value: null, label: "Corrected values", hint: "people's corrections applied" },
    { value: "ai" as const, label: "AI's own values", hint: "as the AI decided" },
  ];
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      {/* biome-ignore lint/a11y/useSemanticElements: a segmented toolbar control, not a form section */}
      <div
        role="group"
        aria-label="Outcome and sentiment values"
        className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white p-0.5 shadow-xs"
        data-testid="values-switch"
      >
        {options.map((o) => (
          <button
            key={o.label}
            type="button"
            aria-pressed={values === o.value}
            disabled={pending}
            onClick={() => setValues(o.value)}
            className={clsx(
              "h-full rounded px-2.5 font-medium transition-colors",
              values === o.value ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            {o.label}
          </button>
        ))}
      </div>
      <span className="text-slate-600">
        Showing {values === "ai" ? "the AI's own outcomes and sentiments" : "outcomes and sentiments with people's corrections applied"}.
      </span>
    </div>
  );
}
