import { Suspense } from "react";
import { getWorkCount } from "@/lib/accounts/work";
import type { Viewer } from "@/lib/auth/guard";
import { reviewQueueCount } from "@/lib/review/queue";
import { NavCountBadge, NavCountPlaceholder } from "./app-nav";

/**
 * The navigation's counts of open items (My work's, the review queue's). Each
 * streams in on its own: the layout sends the page without waiting for them,
 * and a failing count shows no badge instead of taking the dashboard down.
 */

async function WorkCount({ href, label }: { href: string; label: string }) {
  const count = await getWorkCount().catch(() => null);
  return count ? <NavCountBadge href={href} label={label} value={count.count} capped={count.capped} /> : null;
}

async function ReviewCount({ href, label, viewer }: { href: string; label: string; viewer: Viewer }) {
  const count = await reviewQueueCount(viewer).catch(() => null);
  return count != null ? <NavCountBadge href={href} label={label} value={count} capped={false} /> : null;
}

export function StreamedWorkCount(props: { href: string; label: string }) {
  return (
    <Suspense fallback={<NavCountPlaceholder />}>
      <WorkCount {...props} />
    </Suspense>
  );
}

export function StreamedReviewCount(props: { href: string; label: string; viewer: Viewer }) {
  return (
    <Suspense fallback={<NavCountPlaceholder />}>
      <ReviewCount {...props} />
    </Suspense>
  );
}
