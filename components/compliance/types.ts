/**
 * The JSON the compliance reads hand to these components (lib/compliance/queries.ts
 * returns the same shapes; components never import lib, so they are restated here).
 */
export interface FlagItem {
  id: string;
  callId: string;
  rule: string;
  check: string;
  citation: string;
  severity: string;
  message: string;
  portfolio: string | null;
  placedAt: string;
  status: "open" | "confirmed" | "dismissed";
  statusReason: string | null;
  statusBy: string | null;
  statusAt: string | null;
}

export interface HoldItem {
  holdId: string;
  kind: string;
  label: string;
  rule: string;
  citation: string;
  source: "manual" | "speech";
  placedAt: string | null;
  note: string;
  createdBy: string | null;
  debtKeys: string[];
  numbers: string[];
  cleared: { at: string; by: string; reason: string } | null;
}

export interface NextCallItem {
  debtKey: string;
  portfolio: string | null;
  nextAt: string | null;
  reason: string | null;
  rule: string | null;
  citation: string | null;
}

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
