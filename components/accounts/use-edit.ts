"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { sendJson } from "./send-json";

/**
 * Posts one manual edit (POST /api/accounts/{id}/edits). The server stores it
 * and queues the re-derivation; the page refreshes at once (the event shows in
 * the timeline) and again shortly after, when the worker has applied it.
 */
export function useAccountEdit(accountId: string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = useCallback(
    async (edit: Record<string, unknown>, label: string): Promise<boolean> => {
      setError(null);
      setSaved(null);
      const result = await sendJson(`/api/accounts/${accountId}/edits`, "POST", edit);
      if (!result.ok) {
        setError(result.message);
        return false;
      }
      setSaved(`${label}. The account updates in a moment.`);
      startTransition(() => router.refresh());
      for (const ms of [1200, 3500]) setTimeout(() => startTransition(() => router.refresh()), ms);
      return true;
    },
    [accountId, router],
  );
  const clear = () => {
    setError(null);
    setSaved(null);
  };
  return { submit, error, saved, pending, clear };
}
