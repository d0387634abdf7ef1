"use client";

import { Loader2 } from "lucide-react";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";

interface Summary {
  lines: number;
  imported: number;
  alreadyKnown: number;
  invalid: number;
  errors: { line: number; message: string }[];
  seconds: number;
}

/**
 * Uploads a JSONL history file: the browser streams the file as the request
 * body (no form encoding, nothing read into this page), the server imports it
 * line by line and answers with the counts and the bad lines by number.
 */
export function ImportUploadForm({ maxMiB }: { maxMiB: number }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return setError("Choose a .jsonl file first.");
    if (file.size > maxMiB * 1024 * 1024) return setError(`The file is larger than ${maxMiB} MiB. Split it, or use npm run calls:import.`);
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      const response = await fetch("/api/admin/import", {
        method: "POST",
        body: file,
        headers: { "Content-Type": "application/x-ndjson" },
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) setError(body?.message ?? `The upload failed (${response.status}).`);
      else setSummary(body as Summary);
    } catch {
      setError("The upload did not reach the server. Check the connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="max-w-3xl space-y-4">
      <form
        onSubmit={upload}
        aria-labelledby="import-title"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <h2 id="import-title" className="font-semibold">
          Import call history
        </h2>
        <p className="text-sm text-slate-600">
          A JSONL file: one <code>phone_call.ended</code> payload per line, each with a <code>receivedAt</code> (ISO 8601 with a zone).
          Calls are stored exactly as a webhook would store them and derived into accounts the same way. A line is stored whole or not at
          all; bad lines are skipped and listed by number; uploading the same file again changes nothing. Up to{" "}
          {maxMiB.toLocaleString("en-US")} MiB (larger: npm run calls:import).
        </p>
        <div className="space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
            History file (.jsonl)
          </label>
          <input
            id={inputId}
            type="file"
            accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          />
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={busy} className={buttonClass({ variant: "primary" })}>
            {busy ? <Loader2 aria-hidden className="size-3.5 animate-spin" /> : null}
            Upload and import
          </button>
          {busy ? <span className="text-sm text-slate-600">Importing…</span> : null}
        </div>
        {error ? (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        ) : null}
      </form>
      {summary ? (
        <section
          aria-labelledby="import-result"
          className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          role="status"
        >
          <h2 id="import-result" className="font-semibold">
            Import finished
          </h2>
          <p className="text-sm text-slate-700">
            {summary.imported.toLocaleString("en-US")} imported, {summary.alreadyKnown.toLocaleString("en-US")} already known (duplicates),{" "}
            {summary.invalid.toLocaleString("en-US")} bad lines, of {summary.lines.toLocaleString("en-US")} lines in{" "}
            {summary.seconds.toFixed(1)} s. The accounts update in the background.
          </p>
          {summary.errors.length ? (
            <ul className="max-h-80 list-none space-y-1 overflow-y-auto text-sm">
              {summary.errors.map((e) => (
                <li key={e.line} className="text-rose-800">
                  Line {e.line}: {e.message}
                </li>
              ))}
              {summary.invalid > summary.errors.length ? (
                <li className="text-slate-600">…and {(summary.invalid - summary.errors.length).toLocaleString("en-US")} more.</li>
              ) : null}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
