import { AccessDenied } from "@/components/auth/access-denied";

/** Rendered with status 403 by `forbidden()` and by the guard's ForbiddenError during a page render. */
export default function Forbidden() {
  return <AccessDenied />;
}
