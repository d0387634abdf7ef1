import "server-only";
import { isAPIError } from "better-auth/api";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from "@/lib/http/errors";

/** better-auth's APIError → our typed errors, keeping its (user-readable) message. */
export async function viaBetterAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const message = typeof error.body?.message === "string" ? error.body.message : "The request was refused.";
    const code = typeof error.body?.code === "string" ? error.body.code : "";
    if (code.includes("ALREADY_EXISTS")) throw new ConflictError("A user with this email already exists.");
    if (error.statusCode === 404) throw new NotFoundError(message);
    if (error.statusCode === 401 || error.statusCode === 403) throw new ForbiddenError(message);
    throw new BadRequestError(message);
  }
}
