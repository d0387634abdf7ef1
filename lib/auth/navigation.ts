import { hasRole, type Role } from "./roles";

/** The main navigation, and which role each entry needs (the pages enforce the same roles through requireRole). */
export const NAV_ITEMS: { href: string; label: string; role: Role }[] = [
  { href: "/calls", label: "Calls", role: "agent" },
  { href: "/analytics", label: "Analytics", role: "manager" },
  { href: "/admin", label: "Admin", role: "admin" },
];

export function navigationFor(role: Role): { href: string; label: string }[] {
  return NAV_ITEMS.filter((item) => hasRole(role, item.role)).map(({ href, label }) => ({ href, label }));
}
