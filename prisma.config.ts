import { defineConfig } from "prisma/config";

// The CLI reads this for `prisma generate` and, where Prisma's schema engine can
// be installed, `prisma migrate deploy`. The app applies the same migration
// files itself (lib/db/migrate.ts), so neither tool is required at runtime.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
