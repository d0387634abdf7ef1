import http from "node:http";
import https from "node:https";
import { CLIENT_ADDRESS_HEADER, markClientAddressGateInstalled, parseTrustedProxies, resolveClientAddress } from "./client-address";

/**
 * The first code every HTTP request meets in the Node server, before Next.js
 * turns it into a Request (installed once from instrumentation.ts). It does two
 * things nothing later can do:
 *
 * 1. Writes the client's address, resolved from the socket
 *    (lib/http/client-address.ts), into CLIENT_ADDRESS_HEADER, dropping any
 *    copy the client sent. Route handlers and proxy.ts never see the socket.
 * 2. Answers 405 with `Allow` for methods the app does not serve. TRACE, TRACK
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
    headers: { Allow: allowedMethods(pathname), "Content-Type": "application/json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    body: JSON.stringify({ error: "method_not_allowed", message: `${method.slice(0, 20)} is not supported here. Use ${allowedMethods(pathname)}.` }),
  };
}

function pathnameOf(url: string | undefined): string {
  const raw = (url ?? "/").split("?")[0] ?? "/";
  return raw.startsWith("/") ? raw : "/";
}

/** Prepares one request; returns false when it has been answered (405) and must not reach Next.js. */
export function gateRequest(req: http.IncomingMessage, res: http.ServerResponse, trustedProxies = process.env.TRUSTED_PROXIES): boolean {
  const method = (req.method ?? "").toUpperCase();
  if (!SERVED_METHODS.has(method)) {
    const answer = methodNotAllowed(method, pathnameOf(req.url));
    res.writeHead(answer.status, answer.headers).end(answer.body);
    return false;
  }
  delete req.headers[CLIENT_ADDRESS_HEADER];
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]!.toLowerCase() === CLIENT_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  const address = resolveClientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], parseTrustedProxies(trustedProxies));
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
  parseTrustedProxies(process.env.TRUSTED_PROXIES);
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const emit = proto.emit;
    proto.emit = function gatedEmit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request" && !gateRequest(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
      return emit.call(this, event, ...args);
    };
  }
  registry[INSTALLED] = true;
  markClientAddressGateInstalled();
}
