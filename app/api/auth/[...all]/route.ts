import { getAuth } from "@/lib/auth/auth";
import { NotFoundError, withApiErrors } from "@/lib/http/errors";

/**
 * better-auth's standard endpoints (POST /api/auth/sign-in/email, /sign-out,
 * /get-session, …) so standard clients work. better-auth checks the Origin of
 * cookie-carrying POSTs against BETTER_AUTH_URL / TRUSTED_ORIGINS itself.
 *
 * Its admin endpoints (/api/auth/admin/*) are not served over HTTP: user
 * changes go through the admin pages (lib/auth/admin/users.ts), which validate
 * them and write the audit trail. Served here, an admin's script could change
 * roles, passwords or bans with no audit record.
 */
export const dynamic = "force-dynamic";

const ADMIN_PATH = /^\/api\/auth\/admin(\/|$)/;

const handler = withApiErrors(
  (request: Request) => {
    if (ADMIN_PATH.test(new URL(request.url).pathname)) {
      throw new NotFoundError("User administration is done on the admin pages (Admin → Users), where every change is audited.");
    }
    return getAuth().handler(request);
  },
  { allowCrossSite: true },
);

export const GET = handler;
export const POST = handler;
