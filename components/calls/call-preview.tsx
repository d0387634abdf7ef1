import type { CallRow } from "@/lib/calls/rows";

/**
 * The row's one line of context: the search snippet with hits in <mark>, the
 * summary, or the transcript's first line. Always text nodes, never HTML: the
 * segments come from the server already split (lib/calls/highlight.ts).
 */
export function CallPreview({ preview }: { preview: CallRow["preview"] }) {
  if (preview.source === "none" || preview.segments.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <span className={preview.source === "transcript" ? "italic text-slate-500" : "text-slate-600"} data-preview={preview.source}>
      {preview.segments.map((s, i) =>
        s.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: ordered text fragments of one snippet, never reordered
          <mark key={i} className="rounded-sm bg-amber-200/80 px-0.5 font-medium text-slate-900">
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: ordered text fragments of one snippet, never reordered
          <span key={i}>{s.text}</span>
        ),
      )}
    </span>
  );
}
