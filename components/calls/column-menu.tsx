"use client";

import { Columns3 } from "lucide-react";
import { HIDEABLE_COLUMNS } from "@/lib/calls/search-params";
import { COLUMN_LABELS } from "./filter-labels";
import { Popover } from "./popover";
import { useHiddenColumns } from "./use-call-search";

/** Which columns show; kept in the URL (`?hide=…`) so a shared link looks the same. */
export function ColumnMenu() {
  const [hidden, setHidden] = useHiddenColumns();
  return (
    <Popover
      align="right"
      label={
        <>
          <Columns3 aria-hidden className="size-3.5 opacity-70" />
          Columns
        </>
      }
      testId="column-menu"
    >
      {() => (
        <ul className="w-52">
          {HIDEABLE_COLUMNS.map((id) => {
            const visible = !hidden.includes(id);
            return (
              <li key={id}>
                <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50">
                  <input
                    type="checkbox"
                    checked={visible}
                    onChange={() => setHidden(visible ? [...hidden, id] : hidden.filter((h) => h !== id))}
                    className="size-4 accent-indigo-600"
                  />
                  {COLUMN_LABELS[id]}
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </Popover>
  );
}
