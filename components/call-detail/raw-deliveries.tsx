import { LocalTime } from "@/components/ui/time";
import { boundedText, moreLabel } from "./bounded-json";

/** At most this many characters of each body are rendered; the whole body is a download away. */
export const RAW_DELIVERY_MAX_CHARS = 20_000;

export interface RawDeliveryView {
  id: string;
  messageId: string;
  status: string;
  receivedAt: string;
  /** The body as received: parsed JSON, or the text when it was not JSON. */
  body: unknown;
  /** Where the raw body can be downloaded byte for byte. */
  downloadHref: string;
}

/** Admins only (the page decides): the webhook bodies as Levers sent them, folded away by default, large ones cut short. */
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
        {deliveries.map((d) => {
          const body = boundedText(d.body, { limit: RAW_DELIVERY_MAX_CHARS, pretty: true });
          return (
            <div key={d.id}>
              <p className="mb-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
                <span className="font-mono">{d.messageId}</span>
                <span>{d.status}</span>
                <LocalTime iso={d.receivedAt} />
                <a href={d.downloadHref} download className="font-medium text-indigo-700 underline">
                  Download raw body
                </a>
              </p>
              <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-950 p-3 text-xs leading-5 text-slate-100">
                {body.text}
              </pre>
              {body.truncated ? (
                <p className="mt-1 text-xs text-slate-600" data-testid="raw-delivery-truncated">
                  Cut short{moreLabel(body) ? ` (${moreLabel(body).replace(/^… /, "")})` : ""}: download the raw body to read all of it.
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </details>
  );
}
