import type { Call } from "@/lib/db/generated/browser";

/**
 * THE call's shape: one entry per `calls` column the app reads or writes.
 * The list's SQL projection, its row type, the JSON serializer, the CSV
 * columns and the ingest statements' column lists all derive from this table;
 * the field types are Prisma's generated `Call`. Adding a column is one schema
 * line, one migration and one entry here. Type-only imports: safe for client
 * components.
 *
 * - `column`: the SQL name; `pgType`: its type, for casts of bound arrays.
 * - `list`: read by list queries (not the transcript: large);
 * - `ingest`: how a delivery fills it — "required" (always set), "optional"
 *   (a null never erases a known value), "json" (merged key by key);
 *   absent: the database or the app's own rules fill it.
 */
export type CallField = Exclude<keyof Call, "searchVector">;

interface ColumnSpec {
  column: string;
  pgType: "text" | "integer" | "jsonb" | "uuid" | "timestamptz";
  list: boolean;
  ingest?: "required" | "optional" | "json";
}

export const CALL_COLUMNS = {
  id: { column: "id", pgType: "uuid", list: true },
  providerCallId: { column: "provider_call_id", pgType: "text", list: true },
  numberFrom: { column: "number_from", pgType: "text", list: true, ingest: "required" },
  numberTo: { column: "number_to", pgType: "text", list: true, ingest: "required" },
  duration: { column: "duration", pgType: "integer", list: true, ingest: "required" },
  providerStatus: { column: "provider_status", pgType: "text", list: true, ingest: "optional" },
  deliveryStatus: { column: "delivery_status", pgType: "text", list: true, ingest: "optional" },
  summary: { column: "summary", pgType: "text", list: true, ingest: "optional" },
  endedReason: { column: "ended_reason", pgType: "text", list: true, ingest: "optional" },
  callOutput: { column: "call_output", pgType: "text", list: true, ingest: "optional" },
  callOutputReasoning: { column: "call_output_reasoning", pgType: "text", list: true, ingest: "optional" },
  sentimentOutput: { column: "sentiment_output", pgType: "text", list: true, ingest: "optional" },
  sentimentOutputReasoning: { column: "sentiment_output_reasoning", pgType: "text", list: true, ingest: "optional" },
  transcription: { column: "transcription", pgType: "text", list: false, ingest: "optional" },
  recordingUrl: { column: "recording_url", pgType: "text", list: true, ingest: "optional" },
  metadata: { column: "metadata", pgType: "jsonb", list: true, ingest: "json" },
  requestMetadata: { column: "request_metadata", pgType: "jsonb", list: false, ingest: "json" },
  // GENERATED ALWAYS from request_metadata: read, never written.
  projectId: { column: "project_id", pgType: "text", list: true },
  receivedAt: { column: "received_at", pgType: "timestamptz", list: true },
  deliveredAt: { column: "delivered_at", pgType: "timestamptz", list: true },
  updatedAt: { column: "updated_at", pgType: "timestamptz", list: false },
} as const satisfies Record<CallField, ColumnSpec>;

type Columns = typeof CALL_COLUMNS;
type FieldsWhere<P> = { [F in CallField]: Columns[F] extends P ? F : never }[CallField];

export type ListField = FieldsWhere<{ list: true }>;
export type IngestField = FieldsWhere<{ ingest: string }>;

const FIELDS = Object.keys(CALL_COLUMNS) as CallField[];
export const LIST_FIELDS = FIELDS.filter((f) => CALL_COLUMNS[f].list) as ListField[];
/** In statement order: the scalar columns a delivery sets, then its JSON ones. */
export const INGEST_FIELDS = FIELDS.filter((f) => "ingest" in CALL_COLUMNS[f]) as IngestField[];

export function columnOf(field: CallField): string {
  return CALL_COLUMNS[field].column;
}

/** What crosses to the browser or into JSON: instants as ISO strings, JSON objects as records. */
export type Serialised<T> = {
  [K in keyof T]: T[K] extends Date
    ? string
    : T[K] extends Date | null
      ? string | null
      : K extends "metadata" | "requestMetadata"
        ? Record<string, unknown>
        : T[K];
};

/** The columns a list item carries, as a list query returns them. */
export type CallListRow = Pick<Call, ListField> & { accountId: string | null };

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Dates → ISO strings, JSON → records, field by field from the table. */
export function serialiseFields<F extends CallField>(row: Pick<Call, F>, fields: readonly F[]): Serialised<Pick<Call, F>> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value: unknown = row[f];
    const type = CALL_COLUMNS[f].pgType;
    out[f] =
      type === "timestamptz" ? (value instanceof Date ? value.toISOString() : (value ?? null)) : type === "jsonb" ? asRecord(value) : value;
  }
  return out as Serialised<Pick<Call, F>>;
}
