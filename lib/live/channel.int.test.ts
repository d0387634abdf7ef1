import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/sql";
import { useTestDatabase } from "../testing/database";
import { CALLS_CHANNEL, notifyCallChanged, notifyCallChangedSql, parseCallChanged } from "./channel";

describe("calls_changed notifications", () => {
  const db = useTestDatabase();
  let listener: pg.Client;
  let sender: pg.Client;
  const heard: string[] = [];

  beforeAll(async () => {
    listener = new pg.Client({ connectionString: db.url() });
    sender = new pg.Client({ connectionString: db.url() });
    await Promise.all([listener.connect(), sender.connect()]);
    listener.on("notification", (n) => n.channel === CALLS_CHANNEL && heard.push(n.payload ?? ""));
    await listener.query(`LISTEN ${CALLS_CHANNEL}`);
  });
  afterAll(async () => {
    await Promise.all([listener.end(), sender.end()]);
  });

  /**
   * Barrier: sends a sentinel after everything else and waits until it is heard.
   * Notifications arrive in commit order, so anything that was going to come
   * (say, from the rolled-back transaction) has come by then.
   */
  async function barrier() {
    const sentinel = `sentinel-${Math.random()}`;
    await sender.query("SELECT pg_notify($1, $2)", [CALLS_CHANNEL, sentinel]);
    for (let i = 0; i < 500 && !heard.includes(sentinel); i++) await new Promise((r) => setTimeout(r, 10));
    expect(heard.pop()).toBe(sentinel);
  }

  it("the JS helper and the SQL expression send the same payload, only on commit", async () => {
    const receivedAt = new Date("2026-11-28T03:04:05.678Z");
    const call = {
      id: "7d1f0a3e-5b8f-4c36-9a5e-1f7b2c3d4e5f",
      providerCallId: "call-1",
      receivedAt: receivedAt.toISOString(),
      op: "insert" as const,
    };

    await sender.query("BEGIN");
    await notifyCallChanged(sender, call);
    await sender.query("ROLLBACK");
    await sender.query("BEGIN");
    await notifyCallChanged(sender, call);
    await sender.query("COMMIT");
    const notify = Prisma.sql`SELECT ${notifyCallChangedSql({
      id: Prisma.sql`${call.id}::uuid`,
      providerCallId: Prisma.sql`${call.providerCallId}::text`,
      receivedAt: Prisma.sql`${receivedAt}::timestamptz`,
      inserted: Prisma.sql`${false}::boolean`,
    })}`;
    await sender.query(notify.text, notify.values);
    await barrier();
    expect(heard.map(parseCallChanged)).toEqual([call, { ...call, op: "update" }]);
  });

  it("ignores payloads that are not ours", () => {
    expect(parseCallChanged("not json")).toBeNull();
    expect(parseCallChanged(JSON.stringify({ id: 1 }))).toBeNull();
    expect(parseCallChanged(undefined)).toBeNull();
  });
});
