import type { FlagView, HoldView, NextCallView } from "@/lib/compliance/queries";

/** The shapes the compliance reads (lib/compliance/queries.ts) hand to these components, as JSON. */
export type FlagItem = Omit<FlagView, "debtKey">;
export type HoldItem = HoldView;
export type NextCallItem = Omit<NextCallView, "evaluatedAt">;

/** The plain-words line for a flag: its message, with the citation appended when the message does not already carry it. */
export function flagLine(flag: Pick<FlagItem, "message" | "citation">): string {
  return flag.message.includes(flag.citation) ? flag.message : `${flag.message} — ${flag.citation}`;
}

export const SEVERITY_LABEL: Record<string, string> = {
  violation: "Violation",
  review: "Needs review",
  unevaluable: "Not evaluated",
};

/** Sends a JSON request to our own API; returns the error message (with field names) or null. */
export async function sendJson(url: string, method: string, body: unknown): Promise<string | null> {
  try {
    const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (res.ok) return null;
    const data = (await res.json().catch(() => ({}))) as { message?: string; issues?: { path: string; message: string }[] };
    const issues = data.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
    return issues || data.message || `The request failed (${res.status}).`;
  } catch {
    return "The server could not be reached. Try again.";
  }
}
