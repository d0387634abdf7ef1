import { getAuth } from "@/lib/auth/auth";
import { withApiErrors } from "@/lib/http/errors";

/**
 * better-auth's standard endpoints (POST /api/auth/sign-in/email, /sign-out,
 * /get-session, /admin/*, …) so standard clients work. better-auth checks the
 * Origin of cookie-carrying POSTs against BETTER_AUTH_URL / TRUSTED_ORIGINS itself.
 */
export const dynamic = "force-dynamic";

const handler = withApiErrors((request: Request) => getAuth().handler(request), { allowCrossSite: true });

export const GET = handler;
export const POST = handler;
