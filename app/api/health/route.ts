import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for load balancers and the e2e harness. No personal data. */
export async function GET() {
  const database = await checkDatabase();
  return NextResponse.json(
    { status: database ? "ok" : "degraded", database: database ? "up" : "down" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
