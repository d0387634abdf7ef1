import { z } from "zod";
import { invalidInput } from "./errors";
import { QUEUE_REASONS, type QueueReason } from "./queue-reasons";

const querySchema = z
  .object({
    reason: z.enum(QUEUE_REASONS, { error: `must be one of: ${QUEUE_REASONS.join(", ")}` }).optional(),
    limit: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(200, "must be at most 200")
      .optional(),
  })
  .strict();

/** GET /api/review/queue's query string: strict, 400 naming the parameter. */
export function parseQueueQuery(params: URLSearchParams): { reason?: QueueReason; limit?: number } {
  const value: Record<string, string> = {};
  const issues: { path: string; message: string }[] = [];
  for (const [key, v] of params) {
    if (key in value) issues.push({ path: key, message: "must be given at most once" });
    value[key] = v;
  }
  const parsed = querySchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = (issue as { keys?: string[] }).keys;
      if (issue.code === "unrecognized_keys" && keys)
        for (const key of keys) issues.push({ path: key, message: "is not a known parameter" });
      else issues.push({ path: issue.path.map(String).join(".") || "(query)", message: issue.message });
    }
  }
  if (issues.length || !parsed.success) throw invalidInput(issues, "query parameters");
  return parsed.data;
}
