"use client";

import { ErrorPanel } from "@/components/shell/error-panel";

export default function CallError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="This call could not be loaded" />;
}
