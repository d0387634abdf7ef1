import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { signOutAction } from "@/app/login/actions";
import { UserMenu } from "@/components/auth/user-menu";
import { AppHeader } from "@/components/shell/app-header";
import { getWorkCount } from "@/lib/accounts/work";
import { getViewer } from "@/lib/auth/guard";
import { navigationFor, requiredRoleFor } from "@/lib/auth/navigation";
import { loginPath } from "@/lib/auth/next-path";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";
import { reviewQueueCount } from "@/lib/review/queue";

/**
 * Every dashboard page sits behind this layout: anonymous visitors go to the
 * login page (and come back to the same page after), the navigation shows only
 * what the viewer's role may open, and a path the role may not open answers 403
 * here, before any page content streams. The pages' data calls check the role
 * again (requireRole), so neither the hidden link nor this check is the only
 * protection.
 */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const path = (await headers()).get("x-request-path");
  const viewer = await getViewer();
  if (!viewer) redirect(loginPath(path));
  const required = requiredRoleFor(path);
  if (required && !hasRole(viewer.role, required)) forbidden();
  // The open items beside "My work" and "Review"; a failing count never takes the whole dashboard down.
  const [workCount, reviewCount] = await Promise.all([
    getWorkCount().catch(() => null),
    hasRole(viewer.role, "manager") ? reviewQueueCount(viewer).catch(() => null) : null,
  ]);

  return (
    <div className="min-h-screen">
      <AppHeader
        items={navigationFor(viewer.role).map((item) => {
          if (item.href === "/work" && workCount) return { ...item, count: { value: workCount.count, capped: workCount.capped } };
          if (item.href === "/review" && reviewCount != null) return { ...item, count: { value: reviewCount, capped: false } };
          return item;
        })}
        userSlot={
          viewer.via === "session" ? (
            <UserMenu name={viewer.name} email={viewer.email} roleLabel={ROLE_LABELS[viewer.role]} signOut={signOutAction} />
          ) : (
            <span className="text-sm text-slate-500">{viewer.name}</span>
          )
        }
      />
      <main className="mx-auto max-w-[1600px] px-4 py-4 sm:px-6 sm:py-6">{children}</main>
    </div>
  );
}
