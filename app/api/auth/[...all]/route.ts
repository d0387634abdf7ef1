import { getAuth } from "@/lib/auth/auth";
import { servedAuthMethod } from "@/lib/auth/served-endpoints";
import { AppError, NotFoundError, withApiErrors } from "@/lib/http/errors";

/**
 * The better-auth endpoints this app uses, and nothing else: an ALLOW-list
 * (lib/auth/served-endpoints.ts says which and why). Everything else under
 * /api/auth answers 404, a listed path with the wrong method 405.
 * better-auth checks the Origin of cookie-carrying POSTs against
 * BETTER_AUTH_URL / TRUSTED_ORIGINS itself.
 */
export const dynamic = "force-dynamic";

class MethodNotAllowedError extends AppError {
  constructor(allow: string) {
    super(405, "method_not_allowed", `Use ${allow} here.`, { headers: { Allow: allow } });
  }
}

const handler = withApiErrors(
  (request: Request) => {
    const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
    const method = servedAuthMethod(path);
    if (!method) {
      throw new NotFoundError(
        path.startsWith("/admin")
          ? "User administration is done on the admin pages (Admin → Users), where every change is audited."
          : "This sign-in endpoint is not served.",
      );
    }
    if (request.method !== method) throw new MethodNotAllowedError(method);
    return getAuth().handler(request);
  },
  { allowCrossSite: true },
);

export const GET = handler;
export const POST = handler;
