import { BlockList, isIP } from "node:net";

/**
 * The client's address, from the one source a client cannot forge: the TCP
 * socket. Next.js does not expose the socket to proxy.ts or route handlers
 * (it only fills X-Forwarded-For from it when the client sent none), so the
 * request gate (lib/http/request-gate.ts) resolves the address for every
 * request as it arrives at the Node server and writes it into
 * CLIENT_ADDRESS_HEADER, replacing any copy the client sent. Everything that
 * needs the address (sign-in limits, better-auth's rate limiter, the audit
 * trail) reads that header, through `clientAddress()`.
 *
 * - TRUSTED_PROXIES unset: the socket's address, whatever X-Forwarded-For or
 *   X-Real-IP say.
 * - TRUSTED_PROXIES set (IPs or CIDR ranges, comma-separated): when the socket
 *   is one of them, X-Forwarded-For is walked from the right, skipping trusted
 *   hops; the first untrusted hop is the client. A client can prepend anything
 *   it likes, but cannot change what the trusted proxies appended.
 */
export const CLIENT_ADDRESS_HEADER = "x-levers-client-address";

const STAMPED = Symbol.for("levers.clientAddressGate");

/** Set by the request gate when it is installed in this process. */
export function markClientAddressGateInstalled(): void {
  (globalThis as Record<symbol, unknown>)[STAMPED] = true;
}

export function isClientAddressGateInstalled(): boolean {
  return (globalThis as Record<symbol, unknown>)[STAMPED] === true;
}

export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? null : Number(prefix);
    if (!family || (bits !== null && (!/^\d+$/.test(prefix!) || bits > (family === 4 ? 32 : 128)))) {
      throw new Error(`TRUSTED_PROXIES must list IP addresses or CIDR ranges such as 10.0.0.0/8, separated by commas (got "${entry}").`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === null) list.addAddress(address!, type);
    else list.addSubnet(address!, bits, type);
  }
  return list;
}

/** "::ffff:10.1.2.3" (how Node reports IPv4 on a dual-stack socket) → "10.1.2.3"; anything not an IP → null. */
export function normaliseAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let address = raw.trim();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const family = isIP(address);
  if (!family) return null;
  return family === 6 ? address.toLowerCase() : address;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

export function resolveClientAddress(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string | null {
  const socket = normaliseAddress(socketAddress);
  if (!socket) return null;
  if (!isTrusted(socket, trusted)) return socket;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    // A hop that is not an address was not written by a proxy we trust: stop at the last trustworthy one.
    if (!hop) return client;
    client = hop;
    if (!isTrusted(hop, trusted)) return hop;
  }
  return client;
}

/** The request's client address as the gate resolved it, or null when the gate is not running in this process. */
export function clientAddress(headers: Headers): string | null {
  if (!isClientAddressGateInstalled()) return null;
  return normaliseAddress(headers.get(CLIENT_ADDRESS_HEADER));
}
