import { Prisma, queryRows } from "./sql";

export async function checkDatabase(): Promise<boolean> {
  try {
    await queryRows(Prisma.sql`SELECT 1 AS ok`);
    return true;
  } catch {
    return false;
  }
}
