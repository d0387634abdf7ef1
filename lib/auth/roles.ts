/**
 * The three roles and their order: each role can do everything the ones below
 * it can (agent < manager < admin). Plain data, safe to import anywhere
 * (client components use it to label roles).
 */
export const ROLES = ["agent", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { agent: 0, manager: 1, admin: 2 };

export const ROLE_LABELS: Record<Role, string> = {
  agent: "Agent",
  manager: "Manager",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  agent: "Calls, call detail, recordings and CSV export",
  manager: "Everything an agent sees, plus analytics",
  admin: "Everything, plus users, API keys, webhook deliveries and the audit trail",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `actual` is at least `required` in the agent < manager < admin order. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
