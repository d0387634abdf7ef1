import { LocalTime } from "@/components/ui/time";

export interface RawDeliveryView {
  id: string;
  messageId: string;
  status: string;
  receivedAt: string;
  /** Pretty-printed JSON (or the raw text when the body was not JSON). */
  json: string;
}

/** Admins only (the page decides): the webhook bodies exactly as Levers sent them, folded away by default. */
export function RawDeliveries({ deliveries }: { deliveries: RawDeliveryView[] }) {
  return (
    <details className="group rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="raw-deliveries">
      <summary className="cursor-pointer select-none px-4 py-3 text-sm font-semibold text-slate-900">
        Raw delivery JSON
        <span className="ml-2 text-xs font-normal text-slate-500">
          admin · {deliveries.length} {deliveries.length === 1 ? "delivery" : "deliveries"}
        </span>
      </summary>
      <div className="space-y-3 border-t border-slate-100 px-4 py-3">
        {deliveries.length === 0 && <p className="text-sm italic text-slate-500">No deliveries are stored for this call.</p>}
        {deliveries.map((d) => (
          <div key={d.id}>
            <p className="mb-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
              <span className="font-mono">{d.messageId}</span>
              <span>{d.status}</span>
              <LocalTime iso={d.receivedAt} />
            </p>
            <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-950 p-3 text-xs leading-5 text-slate-100">{d.json}</pre>
          </div>
        ))}
      </div>
    </details>
  );
}
