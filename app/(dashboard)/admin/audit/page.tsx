import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/admin/audit-table";
import { readAuditTrail } from "@/lib/auth/admin/audit-trail";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction } from "@/lib/auth/audit";

export const metadata: Metadata = { title: "Audit trail" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const action = typeof params.action === "string" && (AUDIT_ACTIONS as readonly string[]).includes(params.action) ? params.action : "";
  const actor = typeof params.actor === "string" ? params.actor.slice(0, 200) : "";
  const before = typeof params.before === "string" ? params.before : null;
  const page = await readAuditTrail({ action, actor, before });
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ ...(action ? { action } : {}), ...(actor ? { actor } : {}), ...extra }).toString();

  return (
    <div className="space-y-4">
      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the filter form itself makes it the landmark; a <search> wrapper would add an element to the layout */}
      <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter the audit trail">
        <div className="min-w-0 max-w-full space-y-1">
          <label htmlFor="audit-action" className="block text-xs font-medium text-slate-600">
            Action
          </label>
          <select
            id="audit-action"
            name="action"
            defaultValue={action}
            className="max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm"
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-actor" className="block text-xs font-medium text-slate-600">
            Who (email contains)
          </label>
          <input
            id="audit-actor"
            name="actor"
            defaultValue={actor}
            className="w-64 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
          />
        </div>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
          Filter
        </button>
        {action || actor ? (
          <Link href="/admin/audit" className="px-2 py-1.5 text-sm text-slate-600 hover:text-slate-900">
            Clear
          </Link>
        ) : null}
      </form>
      <AuditTable rows={page.entries.map((e) => ({ ...e, actionLabel: AUDIT_ACTION_LABELS[e.action as AuditAction] ?? e.action }))} />
      <div className="flex justify-end gap-2">
        {before ? (
          <Link
            href={`/admin/audit?${query({})}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/admin/audit?${query({ before: page.nextCursor })}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Older
          </Link>
        ) : null}
      </div>
    </div>
  );
}
