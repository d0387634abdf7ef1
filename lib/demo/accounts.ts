import "server-only";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * The demo accounts the login page may offer: only in demo mode, and only
 * those that exist in this database and are not deactivated. DEMO_MODE=1 set
 * by hand on a real database (whose users never include the demo ones) then
 * shows nothing, instead of passwords for accounts that do not exist.
 */
export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

export async function demoAccountsToShow(): Promise<DemoAccount[]> {
  if (env.DEMO_MODE !== true) return [];
  const demo = Object.values(DEMO_USERS);
  const found = await prisma.user.findMany({
    where: { email: { in: demo.map((u) => u.email) }, banned: false },
    select: { email: true },
  });
  const present = new Set(found.map((u) => u.email));
  return demo.filter((u) => present.has(u.email)).map(({ role, email, password }) => ({ role, email, password }));
}
