/**
 * PostgreSQL text cannot hold U+0000, and jsonb refuses "\u0000" and unpaired
 * surrogate escapes. JSON allows all three, so an authentic payload could make
 * the call upsert fail. The raw body in the inbox keeps every byte as sent;
 * these helpers only clean the copies that go into typed columns.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches U+0000 on purpose, to strip what PostgreSQL text cannot hold
const NUL = /\u0000/g;

export function pgText(value: string): string;
export function pgText(value: string | null | undefined): string | null;
export function pgText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.replace(NUL, "").toWellFormed();
}

/** A JSON value rebuilt with pg-safe strings (keys too), ready for a jsonb parameter. */
export function pgJson(value: unknown): unknown {
  if (typeof value === "string") return pgText(value);
  if (Array.isArray(value)) return value.map(pgJson);
  if (value !== null && typeof value === "object") {
    // Null prototype: a "__proto__" key stays an ordinary key.
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, child] of Object.entries(value)) out[pgText(key)] = pgJson(child);
    return out;
  }
  return value;
}
