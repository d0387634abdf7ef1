"use client";

import { Button } from "@/components/ui/button";

/** What a segment's error.tsx shows: a plain message and a retry, never a stack trace. */
export function ErrorPanel({
  error,
  reset,
  title = "This part of the dashboard could not be loaded",
}: {
  error: Error & { digest?: string };
  reset: () => void;
  title?: string;
}) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-lg rounded-lg border border-rose-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold text-rose-700">{title}</h2>
      <p className="mt-2 text-sm text-slate-600">
        Try again in a moment. If it keeps failing, the database may be unreachable; the server log has the details
        {error.digest ? ` (reference ${error.digest})` : ""}.
      </p>
      <Button variant="dark" onClick={() => reset()} className="mt-4">
        Try again
      </Button>
    </div>
  );
}
