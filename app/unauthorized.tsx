import { Suspense } from "react";
import { SessionEnded } from "@/components/auth/session-ended";

/** Rendered with status 401 by `unauthorized()` and by the guard's UnauthenticatedError during a page render. */
export default function Unauthorized() {
  return (
    <Suspense>
      <SessionEnded />
    </Suspense>
  );
}
