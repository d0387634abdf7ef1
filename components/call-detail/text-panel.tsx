/** A titled card of free text (summary, reasoning): kept as plain React text, line breaks preserved. */
export function TextPanel({ title, text, empty, id }: { title: string; text: string | null; empty: string; id?: string }) {
  return (
    <section aria-labelledby={id ? `${id}-title` : undefined} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <h2 id={id ? `${id}-title` : undefined} className="text-sm font-semibold text-slate-900">
        {title}
      </h2>
      {text?.trim() ? (
        <p className="mt-1.5 whitespace-pre-wrap break-words text-sm leading-6 text-slate-700">{text.trim()}</p>
      ) : (
        <p className="mt-1.5 text-sm italic text-slate-500">{empty}</p>
      )}
    </section>
  );
}
