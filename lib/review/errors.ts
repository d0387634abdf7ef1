import { BadRequestError } from "@/lib/http/errors";

/** A 400 that names every failing field (`answers.2.answer is required`), like the calls API's. */
export function invalidInput(issues: { path: string; message: string }[], what = "request"): BadRequestError {
  const summary = issues.map((i) => `${i.path} ${i.message}`).join("; ");
  return new BadRequestError(`Invalid ${what}: ${summary}.`, { issues });
}

export function zodIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message }));
}
