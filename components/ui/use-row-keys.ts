"use client";

import { useRef, useState } from "react";
import { useHotkeys } from "react-hotkeys-hook";

/**
 * j / k move between a table's rows: each row's link (`a[data-row-link]`, the
 * row's first cell) takes the focus, so Enter opens it. Put `body` on the
 * `<tbody>`; `focused` is the row index to highlight (-1 before the first key); call `setFocused(i)` from a row link's onFocus so Tab and the keys agree.
 * `rows` resets nothing but keeps the handlers current when the page changes.
 */
export function useRowKeys(rows: unknown) {
  const body = useRef<HTMLTableSectionElement>(null);
  const [focused, setFocused] = useState(-1);
  const move = (delta: number) => {
    const links = body.current?.querySelectorAll<HTMLAnchorElement>("a[data-row-link]");
    if (!links?.length) return;
    const next = Math.min(links.length - 1, Math.max(0, focused + delta));
    setFocused(next);
    links[next]?.focus();
    links[next]?.closest("tr")?.scrollIntoView({ block: "nearest" });
  };
  useHotkeys("j", () => move(1), [focused, rows]);
  useHotkeys("k", () => move(-1), [focused, rows]);
  return { body, focused, setFocused };
}
