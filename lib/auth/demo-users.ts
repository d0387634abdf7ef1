import type { Role } from "./roles";

/**
 * One user per role, created only in demo mode (DEMO_MODE=1: `npm start` on the
 * embedded database, and the e2e server). Their passwords are public on
 * purpose: outside demo mode they are never created, and the first admin comes
 * from ADMIN_EMAIL / ADMIN_PASSWORD instead (lib/auth/bootstrap.ts).
 */
export interface DemoUser {
  role: Role;
  name: string;
  email: string;
  password: string;
}

export const DEMO_USERS: Record<Role, DemoUser> = {
  agent: { role: "agent", name: "Alex Agent", email: "agent@demo.levers.local", password: "demo-agent-pass" },
  manager: { role: "manager", name: "Morgan Manager", email: "manager@demo.levers.local", password: "demo-manager-pass" },
  admin: { role: "admin", name: "Avery Admin", email: "admin@demo.levers.local", password: "demo-admin-pass" },
};
