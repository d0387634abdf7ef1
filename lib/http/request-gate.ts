import http from "node:http";
import https from "node:https";
import { type BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import {
  CLIENT_ADDRESS_HEADER,
  markClientAddressGateInstalled,
  normaliseAddress,
  parseTrustedProxies,
  resolveClientAddress,
} from "./client-address";

/**
 * The first code every HTTP request meets in the Node server, before Next.js
 * turns it into a Request (installed once from instrumentation.ts). It does two
 * things nothing later can do:
 *
 * 1. Writes the client's address, resolved from the socket
 *    (lib/http/client-address.ts), into CLIENT_ADDRESS_HEADER, dropping any
 *    copy the client sent. Route handlers and proxy.ts never see the socket.
 * 2. Drops the forwarding headers (X-Forwarded-*, X-Real-IP, Forwarded) unless
 *    the TCP peer is one of TRUSTED_PROXIES: from anyone else they are the
 *    client's own claims (a spoofed X-Forwarded-Host would widen the origin
 *    check in lib/http/errors.ts). Next.js then fills X-Forwarded-For/Host/Proto
 *    from the socket itself.
 * 3. Answers 405 with `Allow` for methods the app does not serve. TRACE, TRACK
 *    and CONNECT cannot even be represented as a fetch Request (undici throws),
 *    which made every route, the webhook included, answer 500 with a stack in
 *    the log; unknown methods (PROPFIND, FOO) get the same answer.
 */
const SERVED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** What each kind of URL answers to, for the Allow header. */
export function allowedMethods(pathname: string): string {
  if (pathname === "/api/webhooks/levers") return "POST";
  if (pathname.startsWith("/api/auth/")) return "GET, POST";
  if (pathname.startsWith("/api/")) return "GET, HEAD";
  return "GET, HEAD, POST";
}

export function methodNotAllowed(method: string, pathname: string): { status: 405; headers: Record<string, string>; body: string } {
  return {
    status: 405,
    headers: {
      Allow: allowedMethods(pathname),
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
    body: JSON.stringify({
      error: "method_not_allowed",
      message: `${method.slice(0, 20)} is not supported here. Use ${allowedMethods(pathname)}.`,
    }),
  };
}

function pathnameOf(url: string | undefined): string {
  const raw = (url ?? "/").split("?")[0] ?? "/";
  return raw.startsWith("/") ? raw : "/";
}

const FORWARDING_HEADERS = new Set([
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
]);

function dropHeaders(req: http.IncomingMessage, names: Set<string>): void {
  for (const name of names) delete req.headers[name];
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (names.has(req.rawHeaders[i]!.toLowerCase())) req.rawHeaders.splice(i, 2);
  }
}

let parsedProxies: { source: string | undefined; list: BlockList } | null = null;

function trustedList(source: string | undefined): BlockList {
  if (!parsedProxies || parsedProxies.source !== source) parsedProxies = { source, list: parseTrustedProxies(source) };
  return parsedProxies.list;
}

/** Prepares one request; returns false when it has been answered (405) and must not reach Next.js. */
export function gateRequest(req: http.IncomingMessage, res: http.ServerResponse, trustedProxies = env.TRUSTED_PROXIES): boolean {
  const method = (req.method ?? "").toUpperCase();
  if (!SERVED_METHODS.has(method)) {
    const answer = methodNotAllowed(method, pathnameOf(req.url));
    res.writeHead(answer.status, answer.headers).end(answer.body);
    return false;
  }
  dropHeaders(req, new Set([CLIENT_ADDRESS_HEADER]));
  const trusted = trustedList(trustedProxies);
  const address = resolveClientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trusted);
  const peer = normaliseAddress(req.socket?.remoteAddress);
  if (!peer || !trusted.check(peer, isIP(peer) === 4 ? "ipv4" : "ipv6")) dropHeaders(req, FORWARDING_HEADERS);
  if (address) {
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    req.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);
  }
  return true;
}

const INSTALLED = Symbol.for("levers.requestGate.installed");

/** Hooks the gate into every http(s) server of this process ('request' events), once. */
export function installRequestGate(): void {
  const registry = globalThis as Record<symbol, unknown>;
  if (registry[INSTALLED]) return;
  // Fail at start-up on a malformed TRUSTED_PROXIES, not on the first request.
  parseTrustedProxies(env.TRUSTED_PROXIES);
  for (const proto of [http.Server.prototype, https.Server.prototype] as {
    emit: (event: string | symbol, ...args: unknown[]) => boolean;
  }[]) {
    const emit = proto.emit;
    proto.emit = function gatedEmit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request") {
        const req = args[0] as http.IncomingMessage;
        try {
          if (!gateRequest(req, args[1] as http.ServerResponse)) return true;
        } catch (error) {
          // Never a hung request: without a resolved address, nothing forwarded is believed either.
          console.error("[request gate]", error instanceof Error ? error.message : error);
          dropHeaders(req, new Set([CLIENT_ADDRESS_HEADER, ...FORWARDING_HEADERS]));
        }
      }
      return emit.call(this, event, ...args);
    };
  }
  registry[INSTALLED] = true;
  markClientAddressGateInstalled();
}
