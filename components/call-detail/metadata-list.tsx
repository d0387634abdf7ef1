import { boundedText, moreLabel } from "./bounded-json";

/** At most this many keys, each value at most this many characters, are rendered; the rest is in the download. */
export const METADATA_MAX_ENTRIES = 50;
export const METADATA_MAX_VALUE_CHARS = 500;

/**
 * `requestMetadata` as key/value rows. Keys and values are free-form, so nested
 * values are shown as JSON text, and large ones are cut short: the whole of it
 * is in the call's JSON (`downloadHref`).
 */
export function MetadataList({ metadata, downloadHref }: { metadata: Record<string, unknown>; downloadHref?: string }) {
  const keys = Object.keys(metadata);
  const shown = keys.slice(0, METADATA_MAX_ENTRIES);
  let cut = keys.length > shown.length;
  const rows = shown.map((key) => {
    const value = boundedText(metadata[key], { limit: METADATA_MAX_VALUE_CHARS });
    if (value.truncated) cut = true;
    return { key, value };
  });
  return (
    <section aria-labelledby="metadata-title" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <h2 id="metadata-title" className="text-sm font-semibold text-slate-900">
        Request metadata
      </h2>
      {keys.length === 0 ? (
        <p className="mt-1.5 text-sm italic text-slate-500">No metadata was sent with this call.</p>
      ) : (
        <dl className="mt-2 divide-y divide-slate-100 text-sm" data-testid="request-metadata">
          {rows.map(({ key, value }) => (
            <div key={key} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 py-1.5">
              <dt className="truncate font-mono text-xs leading-5 text-slate-500" title={key.slice(0, 200)}>
                {key.slice(0, 200)}
              </dt>
              <dd className="break-words font-mono text-xs leading-5 text-slate-900">
                {value.text}
                {value.truncated ? <span className="text-slate-500"> {moreLabel(value)}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {cut ? (
        <p className="mt-2 text-xs text-slate-600" data-testid="metadata-truncated">
          {keys.length > shown.length
            ? `Showing ${shown.length} of ${keys.length.toLocaleString("en-US")} keys; long values are cut short. `
            : "Long values are cut short. "}
          {downloadHref ? (
            <a href={downloadHref} download className="font-medium text-indigo-700 underline">
              Download the whole call as JSON
            </a>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
