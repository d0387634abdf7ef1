import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, normaliseAddress, parseTrustedProxies, resolveClientAddress } from "./client-address";
import { gateRequest, installRequestGate } from "./request-gate";

describe("the client address: the socket's, or the right-most untrusted hop behind trusted proxies", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("10.0.0.0/8, 192.168.1.10, fd00::/8");

  it("without TRUSTED_PROXIES, X-Forwarded-For is ignored whatever it says", () => {
    expect(resolveClientAddress("203.0.113.7", "10.7.7.7", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", "1.1.1.1, 2.2.2.2", none)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", undefined, none)).toBe("203.0.113.7");
  });

  it("behind trusted proxies, walks X-Forwarded-For from the right to the first untrusted hop", () => {
    // The client prepended a fake 10.7.7.7; the proxy appended the real client 198.51.100.4.
    expect(resolveClientAddress("10.0.0.2", "10.7.7.7, 198.51.100.4", proxies)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.4, 192.168.1.10", proxies)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.2", ["6.6.6.6, 198.51.100.4", "10.1.1.1"], proxies)).toBe("198.51.100.4");
    expect(resolveClientAddress("fd00::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
    // A socket that is not a trusted proxy is the client, whatever it forwards.
    expect(resolveClientAddress("198.51.100.9", "10.0.0.5, 1.2.3.4", proxies)).toBe("198.51.100.9");
    // Only trusted hops: the left-most of them; no header at all: the proxy itself.
    expect(resolveClientAddress("10.0.0.2", "10.0.0.9", proxies)).toBe("10.0.0.9");
    expect(resolveClientAddress("10.0.0.2", undefined, proxies)).toBe("10.0.0.2");
    // Garbage to the left of trusted hops stops the walk at the last trustworthy hop.
    expect(resolveClientAddress("10.0.0.2", "not-an-ip, 10.0.0.3", proxies)).toBe("10.0.0.3");
  });

  it("refuses a malformed TRUSTED_PROXIES with a sentence", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("proxy.internal")).toThrow(/TRUSTED_PROXIES/);
    expect(normaliseAddress("[::1]")).toBe("::1");
    expect(normaliseAddress("1.2.3")).toBeNull();
  });
});

describe("the request gate in front of Next.js", () => {
  let server: http.Server;
  let port = 0;
  const seen: { method?: string; address?: string | null; forwarded?: Record<string, string | string[] | undefined> }[] = [];

  beforeAll(async () => {
    installRequestGate();
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const forwarded = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => k.startsWith("x-forwarded") || k === "x-real-ip" || k === "forwarded"),
      );
      seen.push({ method: req.method, address: clientAddress(headers), forwarded });
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "0.0.0.0", r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const request = (method: string, path: string, init: { from?: string; headers?: Record<string, string> } = {}) =>
    new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, path, method, localAddress: init.from, headers: init.headers }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, body }));
      });
      req.on("error", reject);
      req.end();
    });

  it("replaces a client-sent copy of the address header with the socket's address", async () => {
    seen.length = 0;
    await request("GET", "/calls", {
      from: "127.0.0.42",
      headers: {
        [CLIENT_ADDRESS_HEADER]: "10.7.7.7",
        "x-forwarded-for": "10.7.7.7",
        "x-real-ip": "10.7.7.7",
        "x-forwarded-host": "evil.example",
        forwarded: "for=10.7.7.7",
      },
    });
    // A peer that is not a trusted proxy: its forwarding claims are dropped too.
    expect(seen).toEqual([{ method: "GET", address: "127.0.0.42", forwarded: {} }]);
  });

  it.each([
    ["TRACE", "/api/webhooks/levers", "POST"],
    ["TRACE", "/calls", "GET, HEAD, POST"],
    ["LOCK", "/api/calls", "GET, HEAD"],
    ["PROPFIND", "/api/auth/sign-in/email", "GET, POST"],
  ])("answers %s %s with 405 and Allow: %s, before the app sees it", async (method, path, allow) => {
    seen.length = 0;
    const res = await request(method, path);
    expect(res.status).toBe(405);
    expect(res.allow).toBe(allow);
    expect(JSON.parse(res.body).error).toBe("method_not_allowed");
    expect(seen).toEqual([]);
  });

  it("keeps the forwarding headers of a trusted proxy and takes the client from them", () => {
    const res = { writeHead: () => ({ end: () => {} }) } as unknown as http.ServerResponse;
    const headers: Record<string, string> = {
      "x-forwarded-for": "10.7.7.7, 198.51.100.4",
      "x-forwarded-host": "calls.example.com",
      "x-forwarded-proto": "https",
    };
    const req = {
      method: "GET",
      url: "/",
      headers,
      rawHeaders: Object.entries(headers).flat(),
      socket: { remoteAddress: "::ffff:10.0.0.2" },
    } as unknown as http.IncomingMessage;
    expect(gateRequest(req, res, "10.0.0.0/8")).toBe(true);
    expect(req.headers).toMatchObject({ ...headers, [CLIENT_ADDRESS_HEADER]: "198.51.100.4" });
  });

  it("lets the served methods through", () => {
    const res = { writeHead: () => ({ end: () => {} }) } as unknown as http.ServerResponse;
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const req = {
        method,
        url: "/",
        headers: {},
        rawHeaders: [],
        socket: { remoteAddress: "127.0.0.1" },
      } as unknown as http.IncomingMessage;
      expect(gateRequest(req, res)).toBe(true);
    }
  });
});
