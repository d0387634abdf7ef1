"use client";

import { ErrorPanel } from "@/components/shell/error-panel";

export default function CallsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="The calls list could not be loaded" />;
}
