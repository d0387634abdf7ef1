import clsx from "clsx";

const STYLES: Record<string, string> = {
  processed: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  ignored: "bg-slate-100 text-slate-600 ring-slate-200",
  received: "bg-sky-50 text-sky-700 ring-sky-200",
  invalid: "bg-amber-50 text-amber-800 ring-amber-200",
  failed: "bg-rose-50 text-rose-700 ring-rose-200",
};

export function DeliveryStatusBadge({ status }: { status: string }) {
  return (
    <span className={clsx("rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1", STYLES[status] ?? "bg-slate-100 text-slate-600 ring-slate-200")}>{status}</span>
  );
}
