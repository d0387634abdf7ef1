import "server-only";
import pg from "pg";
import { USERS_CHANNEL } from "@/lib/auth/user-changes";
import { databaseUrl } from "@/lib/db/url";
import { CALLS_CHANNEL, type CallChangedPayload, LISTENER_APPLICATION_NAME, parseCallChanged } from "./channel";
import { type FeedPosition, readPosition } from "./position";

/**
 * ONE PostgreSQL connection per app instance LISTENs on `calls_changed` (and
 * `users_changed`) and fans each notification out to every open live stream in
 * this process. (A LISTEN per browser tab would spend a database connection
 * per agent.) Because the signal comes from the database, a call stored
 * through any app instance reaches the dashboards served by every instance.
 *
 * The connection opens with the first subscriber and closes shortly after
 * the last one leaves. A subscriber's `listening` promise resolves once
 * LISTEN is active on it: from then on every commit is heard. If the
 * connection drops it is re-established with backoff; notifications sent
 * meanwhile are lost (NOTIFY is not queued for absent listeners), so
 * subscribers hear `onReconnect(position)` with a position from before the
 * loss and catch up from it (lib/live/catch-up.ts).
 *
 * While connected, the listener reads a position on its own connection every
 * few seconds. A stream hands out the one before the latest as its SSE event
 * id: a commit visible in it happened a whole period ago, so its notification
 * has long arrived (a notification may reach us just after a snapshot that
 * already sees its commit; the lag covers that).
 */
export interface CallsSubscriber {
  onCall(payload: CallChangedPayload): void;
  /** The LISTEN connection was lost and is back: catch up from `since` (null: nothing to catch up from, re-read). */
  onReconnect?(since: FeedPosition | null): void;
  /** A viewer's access may have changed (role, deactivation, revoked key or sessions): `"*"` when unknown. */
  onViewerChanged?(viewerId: string): void;
  /** A position every commit before which this subscriber has heard about (its SSE id). */
  onPosition?(position: FeedPosition): void;
}

export interface Subscription {
  unsubscribe(): void;
  /** Resolves when LISTEN is active for this subscriber. */
  listening: Promise<void>;
}

export interface ListenerOptions {
  connectionString?: () => string;
  idleCloseMs?: number;
  positionEveryMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

interface Entry {
  subscriber: CallsSubscriber;
  ready: boolean;
  resolve: () => void;
}

export class CallsListener {
  private entries = new Map<CallsSubscriber, Entry>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private positionTimer: ReturnType<typeof setInterval> | null = null;
  private backoffMs: number;
  /** [older, latest] positions read on the current or last healthy connection. */
  private positions: FeedPosition[] = [];
  private readonly options: Required<ListenerOptions>;
  /** Test and benchmark counters. */
  readonly stats = { connects: 0, losses: 0 };

  constructor(options: ListenerOptions = {}) {
    this.options = {
      connectionString: options.connectionString ?? databaseUrl,
      idleCloseMs: options.idleCloseMs ?? 30_000,
      positionEveryMs: options.positionEveryMs ?? 5_000,
      initialBackoffMs: options.initialBackoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
    };
    this.backoffMs = this.options.initialBackoffMs;
  }

  subscribe(subscriber: CallsSubscriber): Subscription {
    let resolve!: () => void;
    const listening = new Promise<void>((r) => {
      resolve = r;
    });
    const entry: Entry = { subscriber, ready: false, resolve };
    this.entries.set(subscriber, entry);
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (this.client) this.markReady(entry);
    else void this.ensureConnected();
    return {
      listening,
      unsubscribe: () => {
        this.entries.delete(subscriber);
        if (this.entries.size === 0 && !this.idleTimer) {
          this.idleTimer = setTimeout(() => {
            this.idleTimer = null;
            if (this.entries.size === 0) void this.close();
          }, this.options.idleCloseMs);
          this.idleTimer.unref?.();
        }
      },
    };
  }

  get subscriberCount(): number {
    return this.entries.size;
  }

  get isListening(): boolean {
    return this.client !== null;
  }

  /** The position a stream may hand out now (see the class comment). */
  get safePosition(): FeedPosition | null {
    return this.positions[0] ?? null;
  }

  /** Tests: end the LISTEN connection from the server side, as a restart or network cut would. */
  async killConnectionForTests(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const pid = (client as unknown as { processID?: number }).processID;
    const killer = new pg.Client({ connectionString: this.options.connectionString() });
    await killer.connect();
    try {
      await killer.query("SELECT pg_terminate_backend($1)", [pid]);
    } finally {
      await killer.end();
    }
  }

  private markReady(entry: Entry) {
    if (entry.ready) return;
    entry.ready = true;
    entry.resolve();
  }

  private each(fn: (s: CallsSubscriber) => void, onlyReady = true) {
    for (const entry of [...this.entries.values()]) {
      if (onlyReady && !entry.ready) continue;
      try {
        fn(entry.subscriber);
      } catch (error) {
        console.error("[live] subscriber failed:", error);
      }
    }
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    if (this.retryTimer) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString(),
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      application_name: LISTENER_APPLICATION_NAME,
    });
    client.on("notification", (message) => {
      if (this.client !== client) return;
      if (message.channel === CALLS_CHANNEL) {
        const payload = parseCallChanged(message.payload);
        if (payload) this.each((s) => s.onCall(payload));
      } else if (message.channel === USERS_CHANNEL && message.payload) {
        const viewerId = message.payload;
        this.each((s) => s.onViewerChanged?.(viewerId));
      }
    });
    let up = false;
    const lost = (error?: Error) => {
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (this.client !== client) return;
      this.client = null;
      this.stats.losses++;
      if (this.positionTimer) clearInterval(this.positionTimer);
      this.positionTimer = null;
      if (error) console.error("[live] LISTEN connection lost:", error.message);
      this.scheduleRetry();
    };
    client.on("error", (error) => (up ? lost(error) : undefined));
    client.on("end", () => (up ? lost() : undefined));
    let position: FeedPosition;
    try {
      await client.connect();
      await client.query(`LISTEN ${CALLS_CHANNEL}; LISTEN ${USERS_CHANNEL}`);
      position = await readPosition(client);
    } catch (error) {
      client.removeAllListeners();
      client.on("error", () => {});
      client.end().catch(() => {});
      console.error("[live] cannot LISTEN:", error instanceof Error ? error.message : error);
      this.scheduleRetry();
      return;
    }
    if (this.entries.size === 0) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
      return;
    }
    up = true;
    this.client = client;
    this.stats.connects++;
    this.backoffMs = this.options.initialBackoffMs;
    // Positions from before the loss: whatever committed since the older one may have been missed.
    const before = this.positions[0] ?? null;
    const wasLost = this.stats.connects > 1;
    this.positions = [position];
    this.positionTimer = setInterval(() => void this.refreshPosition(client), this.options.positionEveryMs);
    this.positionTimer.unref?.();
    if (wasLost) {
      this.each((s) => s.onReconnect?.(before));
      // A role change or deactivation may have been sent while nobody listened.
      this.each((s) => s.onViewerChanged?.("*"));
    }
    for (const entry of this.entries.values()) this.markReady(entry);
  }

  private async refreshPosition(client: pg.Client) {
    try {
      const position = await readPosition(client);
      if (this.client !== client) return;
      this.positions = [this.positions[this.positions.length - 1]!, position];
      const safe = this.positions[0]!;
      this.each((s) => s.onPosition?.(safe));
    } catch {
      // The connection's own error handler deals with a loss.
    }
  }

  private scheduleRetry() {
    if (this.retryTimer || this.entries.size === 0) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.options.maxBackoffMs, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.entries.size > 0) void this.ensureConnected();
    }, delay);
    this.retryTimer.unref?.();
  }

  /** Test hook: the delay the next retry will wait. */
  get nextBackoffMs(): number {
    return this.backoffMs;
  }

  async close(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.positionTimer) clearInterval(this.positionTimer);
    this.positionTimer = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const client = this.client;
    this.client = null;
    this.positions = [];
    this.stats.connects = 0;
    if (client) {
      client.removeAllListeners();
      client.on("error", () => {});
      await client.end().catch(() => {});
    }
  }
}

const globalForListener = globalThis as unknown as { callsListener?: CallsListener };

/** This instance's one listener. */
export function callsListener(): CallsListener {
  globalForListener.callsListener ??= new CallsListener();
  return globalForListener.callsListener;
}

/** Tests: drop the shared connection (e.g. before the test database goes away). */
export async function closeCallsListener(): Promise<void> {
  await globalForListener.callsListener?.close();
  globalForListener.callsListener = undefined;
}
