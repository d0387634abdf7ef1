"use client";

import { ErrorPanel } from "@/components/shell/error-panel";

export default function AnalyticsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="Analytics could not be loaded" />;
}
