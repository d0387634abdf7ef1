import { hasRole, type Role } from "./roles";

/** The main navigation, and which role each entry needs (the pages enforce the same roles through requireRole). */
export const NAV_ITEMS: { href: string; label: string; role: Role }[] = [
  { href: "/work", label: "My work", role: "agent" },
  { href: "/calls", label: "Calls", role: "agent" },
  { href: "/accounts", label: "Accounts", role: "agent" },
  { href: "/analytics", label: "Analytics", role: "manager" },
  { href: "/compliance", label: "Compliance", role: "manager" },
  { href: "/review", label: "Review", role: "manager" },
  { href: "/admin", label: "Admin", role: "admin" },
];

export function navigationFor(role: Role): { href: string; label: string }[] {
  return NAV_ITEMS.filter((item) => hasRole(role, item.role)).map(({ href, label }) => ({ href, label }));
}

/**
 * The role a dashboard path needs, from the same table. The dashboard layout
 * uses it to answer 403 before any of the page streams (a page behind a
 * loading.tsx would otherwise have sent its 200 already when its data call
 * refuses); the data calls still check on their own.
 */
export function requiredRoleFor(path: string | null | undefined): Role | null {
  if (!path) return null;
  const pathname = path.split(/[?#]/)[0]!;
  const item = NAV_ITEMS.find((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  return item?.role ?? null;
}

/** Where a role lands after sign-in and at `/`: agents on their queues (My work), managers and admins on the calls. */
export function landingFor(role: Role | null | undefined): string {
  return role && !hasRole(role, "manager") ? "/work" : "/calls";
}
