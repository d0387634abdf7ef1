/** A same-origin JSON request from a client component: the answer, or the server's clear message. */
export async function sendJson(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    if (response.ok) return { ok: true, data };
    const issues = Array.isArray(data?.issues) ? (data.issues as { path: string; message: string }[]) : [];
    const detail =
      issues.length && issues[0]!.message !== data?.message ? ` (${issues.map((i) => `${i.path}: ${i.message}`).join("; ")})` : "";
    return { ok: false, message: `${String(data?.message ?? `HTTP ${response.status}`)}${detail}` };
  } catch {
    return { ok: false, message: "The server could not be reached. Try again." };
  }
}
