"use client";

import { Search, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useHotkeys } from "react-hotkeys-hook";

/**
 * A list's search box. `/` focuses it from anywhere on the page; Enter
 * searches at once, a pause in typing (`debounceMs`) searches too; Escape
 * clears and leaves the box. `onSearch` gets the trimmed text, or null when
 * it is empty, and only when it changed.
 */
export function SearchBox({
  value,
  onSearch,
  label,
  placeholder,
  debounceMs = 600,
}: {
  value: string | null;
  onSearch: (q: string | null) => void;
  /** The input's accessible name. */
  label: string;
  placeholder: string;
  debounceMs?: number;
}) {
  const [text, setText] = useState(value ?? "");
  const input = useRef<HTMLInputElement>(null);
  const committed = useRef(value ?? "");

  // Back/forward or a "remove filter" link changed the value: show it.
  useEffect(() => {
    committed.current = value ?? "";
    setText(value ?? "");
  }, [value]);

  useHotkeys("slash", (e) => {
    e.preventDefault();
    input.current?.focus();
    input.current?.select();
  });

  const commit = (next: string) => {
    const q = next.trim();
    if (q === committed.current) return;
    committed.current = q;
    onSearch(q || null);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: commit is re-created each render and would restart the debounce on every render; only typing matters
  useEffect(() => {
    const t = setTimeout(() => commit(text), debounceMs);
    return () => clearTimeout(t);
  }, [text]);

  return (
    // biome-ignore lint/a11y/useSemanticElements: role="search" on the form itself names it as the landmark; a <search> wrapper would add an element to the toolbar's layout
    <form
      role="search"
      className="relative w-full max-w-xl"
      onSubmit={(e) => {
        e.preventDefault();
        commit(text);
      }}
    >
      <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
      <input
        ref={input}
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            setText("");
            commit("");
            input.current?.blur();
          }
        }}
        className="h-9 w-full rounded-md border border-slate-300 bg-white pl-8 pr-16 text-sm shadow-xs placeholder:text-slate-500 focus:border-indigo-400 focus:outline-none focus:ring-2 focus:ring-indigo-500/20 [&::-webkit-search-cancel-button]:hidden"
      />
      {text ? (
        <button
          type="button"
          aria-label="Clear search"
          onClick={() => {
            setText("");
            commit("");
          }}
          className="absolute right-1.5 top-1/2 grid size-6 -translate-y-1/2 place-items-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-700"
        >
          <X aria-hidden className="size-3.5" />
        </button>
      ) : (
        <kbd className="pointer-events-none absolute right-2.5 top-1/2 -translate-y-1/2 rounded border border-slate-200 bg-slate-50 px-1.5 text-[11px] font-medium text-slate-600">
          /
        </kbd>
      )}
    </form>
  );
}
