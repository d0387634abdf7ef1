import { FileAudio } from "lucide-react";

/** Shown instead of a player: never a broken one. */
export function RecordingMessage({ title, detail }: { title: string; detail: string }) {
  return (
    <section
      aria-label="Recording"
      role="status"
      className="flex items-start gap-3 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3"
      data-testid="recording-message"
    >
      <FileAudio aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-500" />
      <div>
        <p className="text-sm font-medium text-slate-800">{title}</p>
        <p className="text-xs text-slate-500">{detail}</p>
      </div>
    </section>
  );
}
