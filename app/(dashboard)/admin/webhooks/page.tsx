import type { Metadata } from "next";
import Link from "next/link";
import { DeliveriesTable } from "@/components/admin/deliveries-table";
import { FilterLinks } from "@/components/admin/filter-links";
import { ReplayButton } from "@/components/admin/replay-button";
import { DELIVERY_STATUSES, isDeliveryStatus, listDeliveries } from "@/lib/ingest/inbox";
import { replayDeliveryAction, replayInvalidAction } from "./actions";

export const metadata: Metadata = { title: "Webhook deliveries" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function WebhookDeliveriesPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const status = typeof params.status === "string" && isDeliveryStatus(params.status) ? params.status : "";
  const cursor = typeof params.cursor === "string" ? params.cursor : null;
  const page = await listDeliveries({ status, cursor });
  const total = Object.values(page.counts).reduce((a, b) => a + b, 0);
  const invalid = page.counts.invalid ?? 0;
  const href = (s: string) => (s ? `/admin/webhooks?status=${s}` : "/admin/webhooks");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <FilterLinks
          label="Filter by status"
          active={status}
          options={[
            { value: "", label: "All", href: href(""), count: total },
            ...DELIVERY_STATUSES.map((s) => ({
              value: s,
              label: s[0]!.toUpperCase() + s.slice(1),
              href: href(s),
              count: page.counts[s] ?? 0,
            })),
          ]}
        />
        {invalid > 0 ? (
          <ReplayButton
            label={`Replay all invalid (${invalid.toLocaleString("en")})`}
            action={replayInvalidAction}
            confirm={`Replay all ${invalid} invalid deliveries with the current validation rules?`}
          />
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        Every authentic delivery is kept raw. Invalid ones failed validation and can be replayed after a fix; replaying never creates a
        duplicate call.
      </p>
      <DeliveriesTable rows={page.rows} replay={replayDeliveryAction} />
      <div className="flex justify-end gap-2">
        {cursor ? (
          <Link
            href={href(status)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Newest
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            href={`/admin/webhooks?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
          >
            Older
          </Link>
        ) : null}
      </div>
    </div>
  );
}
