import http from "node:http";
import { type Summary, summarize } from "./stats";

/**
 * Time to first byte of a signed-in page on the production server: the time
 * from sending the request to the first byte of the response body (what a
 * browser waits for before it can start rendering), plus the time to the last
 * byte (the streamed Suspense content included).
 */

export interface PageTiming {
  ttfb: Summary;
  full: Summary;
  status: number;
  bytes: number;
}

export class HttpBenchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HttpBenchError";
  }
}

/** Signs in through better-auth's own endpoint and returns the Cookie header to send. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(new URL("/api/auth/sign-in/email", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new HttpBenchError(`Sign-in as ${email} failed: HTTP ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!cookies.length) throw new HttpBenchError(`Sign-in as ${email} returned no session cookie.`);
  return cookies.join("; ");
}

interface OneRequest {
  status: number;
  ttfbMs: number;
  fullMs: number;
  bytes: number;
  location: string | null;
}

function getOnce(url: URL, cookie: string, agent: http.Agent): Promise<OneRequest> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttfbMs = -1;
    let bytes = 0;
    const request = http.get(url, { agent, headers: { cookie, accept: "text/html" } }, (response) => {
      response.on("data", (chunk: Buffer) => {
        if (ttfbMs < 0) ttfbMs = performance.now() - started;
        bytes += chunk.length;
      });
      response.on("end", () => {
        const fullMs = performance.now() - started;
        resolve({
          status: response.statusCode ?? 0,
          ttfbMs: ttfbMs < 0 ? fullMs : ttfbMs,
          fullMs,
          bytes,
          location: response.headers.location ?? null,
        });
      });
      response.on("error", reject);
    });
    request.setTimeout(60_000, () => request.destroy(new HttpBenchError(`GET ${url.pathname} timed out after 60 s`)));
    request.on("error", reject);
  });
}

/** Requests `path` `warmups + runs` times, one at a time; every answer must be 200 (a redirect to /login means the sign-in did not hold). */
export async function timePage(
  baseUrl: string,
  path: string,
  cookie: string,
  options: { warmups: number; runs: number },
): Promise<PageTiming> {
  const url = new URL(path, baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const ttfb: number[] = [];
    const full: number[] = [];
    let last: OneRequest | undefined;
    for (let i = 0; i < options.warmups + options.runs; i++) {
      last = await getOnce(url, cookie, agent);
      if (last.status !== 200) {
        throw new HttpBenchError(`GET ${path} answered ${last.status}${last.location ? ` (→ ${last.location})` : ""}, expected 200`);
      }
      if (i >= options.warmups) {
        ttfb.push(last.ttfbMs);
        full.push(last.fullMs);
      }
    }
    return { ttfb: summarize(ttfb), full: summarize(full), status: last?.status ?? 0, bytes: last?.bytes ?? 0 };
  } finally {
    agent.destroy();
  }
}
