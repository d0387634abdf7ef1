import "server-only";
import { BadRequestError } from "@/lib/http/errors";
import type { InvalidAccountCursorError } from "./cursor";
import { type AccountQuery, accountParamsToObject, accountsApiQuerySchema, toAccountQuery } from "./search-params";

/** GET /api/accounts and the CSV export: strict parsing, every problem a 400 naming the parameter. */
export function parseAccountsApiQuery(params: URLSearchParams, options: { ignore?: readonly string[] } = {}): AccountQuery {
  const filtered = new URLSearchParams(params);
  for (const key of options.ignore ?? []) filtered.delete(key);
  const { value, repeated } = accountParamsToObject(filtered);
  const issues: { path: string; message: string }[] = repeated.map((key) => ({ path: key, message: "must be given at most once" }));
  const parsed = accountsApiQuerySchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = (issue as { keys?: string[] }).keys;
      if (issue.code === "unrecognized_keys" && keys)
        for (const key of keys) issues.push({ path: key, message: "is not a known parameter" });
      else
        issues.push({
          path:
            issue.path
              .map(String)
              .join(".")
              .replace(/\.\d+$/, "") || "(query)",
          message: issue.message,
        });
    }
  }
  if (issues.length || !parsed.success) throw invalid(issues);
  return toAccountQuery(parsed.data);
}

function invalid(issues: { path: string; message: string }[]): BadRequestError {
  return new BadRequestError(`Invalid query parameters: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}.`, { issues });
}

export function accountCursorError(error: InvalidAccountCursorError): BadRequestError {
  return invalid([{ path: "cursor", message: error.message }]);
}
