import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/db/url";
import { CALLS_CHANNEL, parseCallChanged, type CallChangedPayload } from "./channel";

/**
 * ONE PostgreSQL connection per app instance LISTENs on `calls_changed` and
 * fans each notification out to every open live stream in this process.
 * (A LISTEN per browser tab would spend a database connection per agent.)
 * Because the signal comes from the database, a call stored through any app
 * instance reaches the dashboards served by every instance.
 *
 * The connection opens with the first subscriber and closes shortly after
 * the last one leaves. If it drops, it is re-established with backoff and
 * subscribers hear `onReconnect`: notifications sent meanwhile are lost
 * (NOTIFY is not queued for absent listeners), so they should re-read.
 */
export interface CallsSubscriber {
  onCall(payload: CallChangedPayload): void;
  /** The LISTEN connection was lost and is back: anything in between was missed. */
  onReconnect?(): void;
}

const IDLE_CLOSE_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;

class CallsListener {
  private subscribers = new Set<CallsSubscriber>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private backoffMs = 500;
  private everConnected = false;

  subscribe(subscriber: CallsSubscriber): () => void {
    this.subscribers.add(subscriber);
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    void this.ensureConnected();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && !this.idleTimer) {
        this.idleTimer = setTimeout(() => {
          this.idleTimer = null;
          if (this.subscribers.size === 0) void this.close();
        }, IDLE_CLOSE_MS);
        this.idleTimer.unref?.();
      }
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Resolves once LISTEN is active (tests use it to avoid racing the first NOTIFY). */
  ready(): Promise<void> {
    return this.connecting ?? (this.client ? Promise.resolve() : this.ensureConnected());
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 5_000, keepAlive: true });
    client.on("notification", (message) => {
      if (message.channel !== CALLS_CHANNEL) return;
      const payload = parseCallChanged(message.payload);
      if (!payload) return;
      for (const s of this.subscribers) {
        try {
          s.onCall(payload);
        } catch (error) {
          console.error("[live] subscriber failed:", error);
        }
      }
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (error) console.error("[live] LISTEN connection lost:", error.message);
      this.scheduleRetry();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CALLS_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => {});
      console.error("[live] cannot LISTEN:", error instanceof Error ? error.message : error);
      this.scheduleRetry();
      return;
    }
    if (this.subscribers.size === 0) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.backoffMs = 500;
    if (this.everConnected) for (const s of this.subscribers) s.onReconnect?.();
    this.everConnected = true;
  }

  private scheduleRetry() {
    if (this.retryTimer || this.subscribers.size === 0) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.subscribers.size > 0) void this.ensureConnected();
    }, delay);
    this.retryTimer.unref?.();
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.everConnected = false;
    if (client) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
    }
  }
}

const globalForListener = globalThis as unknown as { callsListener?: CallsListener };

export function callsListener(): CallsListener {
  globalForListener.callsListener ??= new CallsListener();
  return globalForListener.callsListener;
}

export function subscribeToCalls(subscriber: CallsSubscriber): () => void {
  return callsListener().subscribe(subscriber);
}

/** Tests: drop the shared connection (e.g. before the test database goes away). */
export async function closeCallsListener(): Promise<void> {
  await globalForListener.callsListener?.close();
  globalForListener.callsListener = undefined;
}
