/** `requestMetadata` as key/value rows. Keys and values are free-form, so nested values are shown as JSON text. */
export function MetadataList({ metadata }: { metadata: Record<string, unknown> }) {
  const entries = Object.entries(metadata);
  return (
    <section aria-labelledby="metadata-title" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <h2 id="metadata-title" className="text-sm font-semibold text-slate-900">
        Request metadata
      </h2>
      {entries.length === 0 ? (
        <p className="mt-1.5 text-sm italic text-slate-500">No metadata was sent with this call.</p>
      ) : (
        <dl className="mt-2 divide-y divide-slate-100 text-sm" data-testid="request-metadata">
          {entries.map(([key, value]) => (
            <div key={key} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 py-1.5">
              <dt className="truncate font-mono text-xs leading-5 text-slate-500" title={key}>
                {key}
              </dt>
              <dd className="break-words font-mono text-xs leading-5 text-slate-900">{display(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function display(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
