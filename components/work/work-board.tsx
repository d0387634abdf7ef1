"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** A My work row as the page hands it over (dates as ISO strings). */
export interface WorkRow {
  item: string;
  queue: string;
  accountId: string;
  accountKey: string;
  assigneeName: string | null;
  title: string;
  at: string | null;
  localDate: string | null;
  localTime: string | null;
  timeZone: string;
  number: string | null;
  nextCallAt: string | null;
  nextCallReason: string | null;
}

export interface WorkSection {
  name: string;
  label: string;
  count: number;
  countCapped: boolean;
  items: WorkRow[];
}

export type WorkCommand = (item: string) => Promise<{ ok: boolean; message: string | null }>;

/** What the row's time is, per queue. */
const AT_LABELS: Record<string, string> = {
  broken: "Broke",
  due: "Due",
  callbacks_due: "Asked for",
  callbacks_overdue: "Asked for",
  review: "Promised",
  numbers: "Marked",
};

const TONES: Record<string, BadgeTone> = {
  broken: "red",
  due: "amber",
  callbacks_due: "blue",
  callbacks_overdue: "red",
  review: "amber",
  numbers: "neutral",
};

/** "Tue 2 Dec, 09:00" in the contact's zone, with the zone's short name. */
function contactTime(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(new Date(iso));
  } catch {
    return new Date(iso).toISOString();
  }
}

/** The account's next permissible call: now, or the time it may be placed and why not before. */
function NextCall({ row, nowMs }: { row: WorkRow; nowMs: number }) {
  if (!row.nextCallAt) {
    // Evaluated, with no permissible time in the guard's horizon (a hold, the zone unknown): say so and why.
    if (row.nextCallReason) return <span className="text-rose-700">No call permitted: {row.nextCallReason}</span>;
    return <span className="text-slate-600">Next call: not evaluated yet</span>;
  }
  const at = new Date(row.nextCallAt).getTime();
  if (at <= nowMs) return <span className="text-emerald-700">Can be called now</span>;
  const callback = row.queue.startsWith("callbacks");
  return (
    <span className="text-amber-800">
      {callback ? "Callback due, but it may not be placed before " : "Not before "}
      {contactTime(row.nextCallAt, row.timeZone)}
      {row.nextCallReason ? ` (${row.nextCallReason})` : ""}
    </span>
  );
}

/**
 * The queues, one list each, with one-key handling: j / k or the arrows move
 * between rows (across queues), Enter opens the account, d marks the row
 * done, s snoozes it until tomorrow 09:00 in the contact's zone. The buttons
 * do the same for a mouse or a screen reader.
 */
export function WorkBoard({
  sections,
  nowIso,
  showAssignee,
  done,
  snooze,
}: {
  sections: WorkSection[];
  nowIso: string;
  showAssignee: boolean;
  done: WorkCommand;
  snooze: WorkCommand;
}) {
  const router = useRouter();
  const [hidden, setHidden] = useState<Set<string>>(() => new Set());
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState<string>("");
  const [pending, startTransition] = useTransition();
  const rowRefs = useRef(new Map<string, HTMLLIElement>());
  const nowMs = new Date(nowIso).getTime();

  const rows = useMemo(() => sections.flatMap((s) => s.items.filter((r) => !hidden.has(r.item))), [sections, hidden]);
  const activeRow = rows[Math.min(active, rows.length - 1)];

  const focusRow = useCallback(
    (index: number) => {
      const clamped = Math.max(0, Math.min(index, rows.length - 1));
      setActive(clamped);
      const row = rows[clamped];
      if (row) rowRefs.current.get(row.item)?.focus();
    },
    [rows],
  );

  const run = useCallback(
    (row: WorkRow, command: WorkCommand, verb: string) => {
      setHidden((h) => new Set(h).add(row.item));
      startTransition(async () => {
        const result = await command(row.item);
        if (!result.ok) {
          setHidden((h) => {
            const next = new Set(h);
            next.delete(row.item);
            return next;
          });
          setStatus(result.message ?? `Could not mark it ${verb}.`);
          return;
        }
        setStatus(result.message ?? `${row.accountKey}: ${verb}.`);
        router.refresh();
      });
      // Keep the focus on the row that takes this one's place.
      requestAnimationFrame(() => {
        const after = rows.filter((r) => r.item !== row.item);
        const next = after[Math.min(rows.indexOf(row), after.length - 1)];
        if (next) rowRefs.current.get(next.item)?.focus();
      });
    },
    [router, rows],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, select, textarea, [contenteditable=true], [role=dialog], [role=listbox], [role=menu]")) return;
      const index = activeRow ? rows.indexOf(activeRow) : 0;
      if (event.key === "j" || event.key === "ArrowDown") {
        event.preventDefault();
        focusRow(index + 1);
      } else if (event.key === "k" || event.key === "ArrowUp") {
        event.preventDefault();
        focusRow(index - 1);
      } else if ((event.key === "d" || event.key === "e") && activeRow) {
        event.preventDefault();
        run(activeRow, done, "done");
      } else if (event.key === "s" && activeRow) {
        event.preventDefault();
        run(activeRow, snooze, "snoozed until tomorrow 09:00 contact time");
      } else if (event.key === "Enter" && activeRow && target?.tagName !== "A" && target?.tagName !== "BUTTON") {
        event.preventDefault();
        router.push(`/accounts/${activeRow.accountId}`);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [activeRow, rows, focusRow, run, done, snooze, router]);

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">
        Keys: <kbd className="rounded border border-slate-300 px-1">j</kbd> / <kbd className="rounded border border-slate-300 px-1">k</kbd>{" "}
        or the arrows to move, <kbd className="rounded border border-slate-300 px-1">Enter</kbd> to open the account,{" "}
        <kbd className="rounded border border-slate-300 px-1">d</kbd> done, <kbd className="rounded border border-slate-300 px-1">s</kbd>{" "}
        snooze until tomorrow 09:00 (the contact&apos;s time).
      </p>
      <output aria-live="polite" className="block min-h-5 text-sm text-slate-700">
        {pending ? "Saving…" : status}
      </output>
      {sections.map((section) => {
        const visible = section.items.filter((r) => !hidden.has(r.item));
        const removed = section.items.length - visible.length;
        const count = Math.max(0, section.count - removed);
        const headingId = `queue-${section.name}`;
        return (
          <section key={section.name} aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
            <h2 id={headingId} className="flex items-center gap-2 border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">
              {section.label}
              <Badge tone={count ? TONES[section.name] : "neutral"} shape="pill">
                {count.toLocaleString("en-US")}
                {section.countCapped ? "+" : ""}
              </Badge>
            </h2>
            {visible.length === 0 ? (
              <p className="px-4 py-3 text-sm text-slate-600">Nothing here.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {visible.map((row) => {
                  const isActive = activeRow?.item === row.item;
                  return (
                    <li
                      key={row.item}
                      ref={(el) => {
                        if (el) rowRefs.current.set(row.item, el);
                        else rowRefs.current.delete(row.item);
                      }}
                      tabIndex={isActive ? 0 : -1}
                      data-item={row.item}
                      aria-label={`${row.accountKey}: ${row.title}`}
                      onFocus={() => setActive(rows.indexOf(row))}
                      className={cn(
                        "flex flex-col gap-2 px-4 py-2.5 outline-none sm:flex-row sm:items-center sm:gap-4",
                        isActive && "bg-indigo-50 ring-2 ring-inset ring-indigo-500",
                      )}
                    >
                      <div className="min-w-0 flex-1">
                        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                          <Link href={`/accounts/${row.accountId}`} className="font-medium text-indigo-700 hover:underline">
                            {row.accountKey}
                          </Link>
                          <span className="text-sm text-slate-800">{row.title}</span>
                        </div>
                        <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600">
                          {row.at ? (
                            <span>
                              {AT_LABELS[row.queue] ?? "At"} {contactTime(row.at, row.timeZone)}
                            </span>
                          ) : null}
                          <NextCall row={row} nowMs={nowMs} />
                          {showAssignee ? <span>{row.assigneeName ? `Owner: ${row.assigneeName}` : "Unassigned"}</span> : null}
                        </div>
                      </div>
                      <div className="flex shrink-0 gap-2">
                        <Button size="sm" onClick={() => run(row, done, "done")} aria-label={`Done: ${row.accountKey}`}>
                          Done
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => run(row, snooze, "snoozed until tomorrow 09:00 contact time")}
                          aria-label={`Snooze until tomorrow: ${row.accountKey}`}
                        >
                          Snooze
                        </Button>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
            {visible.length > 0 && count > visible.length ? (
              <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">
                Showing the first {visible.length.toLocaleString("en-US")} of {count.toLocaleString("en-US")}
                {section.countCapped ? "+" : ""}: rows you mark done or snooze make room for the next ones on reload.
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
