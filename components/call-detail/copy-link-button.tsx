"use client";

import { Check, Link2 } from "lucide-react";
import { useEffect, useState } from "react";

/** Copies the absolute link to this call; says so for two seconds. */
export function CopyLinkButton({ path }: { path: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    const url = new URL(path, window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      // Clipboard access needs a secure context and permission; fall back to a prompt the agent can copy from.
      window.prompt("Copy this link", url);
      setState("failed");
    }
  }

  return (
    <button
      type="button"
      onClick={copy}
      className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50"
    >
      {state === "copied" ? <Check aria-hidden className="size-4 text-emerald-600" /> : <Link2 aria-hidden className="size-4" />}
      <span aria-live="polite">{state === "copied" ? "Link copied" : "Copy link"}</span>
    </button>
  );
}
