"use client";

import { ChevronDown, Columns3 } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { Menu, MenuCheckboxItem, MenuContent, MenuLabel, MenuTrigger } from "@/components/ui/menu";
import { HIDEABLE_COLUMNS } from "@/lib/calls/search-params";
import { COLUMN_LABELS } from "./filter-labels";
import { useHiddenColumns } from "./use-call-search";

/** Which columns show; kept in the URL (`?hide=…`) so a shared link looks the same. */
export function ColumnMenu() {
  const [hidden, setHidden] = useHiddenColumns();
  return (
    <Menu>
      <MenuTrigger data-testid="column-menu" className={buttonClass()}>
        <Columns3 aria-hidden className="size-3.5 opacity-70" />
        Columns
        <ChevronDown aria-hidden className="size-3.5 opacity-60" />
      </MenuTrigger>
      <MenuContent className="w-52">
        <MenuLabel>Show columns</MenuLabel>
        {HIDEABLE_COLUMNS.map((id) => {
          const visible = !hidden.includes(id);
          return (
            <MenuCheckboxItem
              key={id}
              checked={visible}
              onCheckedChange={() => setHidden(visible ? [...hidden, id] : hidden.filter((h) => h !== id))}
            >
              {COLUMN_LABELS[id]}
            </MenuCheckboxItem>
          );
        })}
      </MenuContent>
    </Menu>
  );
}
