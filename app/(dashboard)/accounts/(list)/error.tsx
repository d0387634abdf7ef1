"use client";

import { ErrorPanel } from "@/components/shell/error-panel";

export default function AccountsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="The accounts list could not be loaded" />;
}
