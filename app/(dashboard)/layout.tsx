import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { signOutAction } from "@/app/login/actions";
import { UserMenu } from "@/components/auth/user-menu";
import { AppHeader } from "@/components/shell/app-header";
import { StreamedReviewCount, StreamedWorkCount } from "@/components/shell/nav-counts";
import { getViewer } from "@/lib/auth/guard";
import { navigationFor, requiredRoleFor } from "@/lib/auth/navigation";
import { loginPath } from "@/lib/auth/next-path";
import { hasRole, ROLE_LABELS } from "@/lib/auth/roles";

/**
 * Every dashboard page sits behind this layout: anonymous visitors go to the
 * login page (and come back to the same page after), the navigation shows only
 * what the viewer's role may open, and a path the role may not open answers 403
 * here, before any page content streams. The pages' data calls check the role
 * again (requireRole), so neither the hidden link nor this check is the only
 * protection. Nothing else is awaited before the first byte: the counts beside
 * "My work" and "Review" stream into the navigation when they are ready.
 */
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const path = (await headers()).get("x-request-path");
  const viewer = await getViewer();
  if (!viewer) redirect(loginPath(path));
  const required = requiredRoleFor(path);
  if (required && !hasRole(viewer.role, required)) forbidden();
  return (
    <div className="min-h-screen">
      <AppHeader
        items={navigationFor(viewer.role).map((item) => {
          // The open items beside "My work" and "Review"; a failing count never takes the whole dashboard down.
          if (item.href === "/work") return { ...item, count: <StreamedWorkCount href={item.href} label={item.label} /> };
          if (item.href === "/review" && hasRole(viewer.role, "manager"))
            return { ...item, count: <StreamedReviewCount href={item.href} label={item.label} viewer={viewer} /> };
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
