import { describe, expect, it } from "vitest";
import { AuthConfigError, readAuthConfig } from "./config";

const SECRET = "x".repeat(40);

describe("readAuthConfig", () => {
  it("refuses to run without BETTER_AUTH_SECRET, saying how to make one", () => {
    expect(() => readAuthConfig({})).toThrow(AuthConfigError);
    expect(() => readAuthConfig({})).toThrow(/BETTER_AUTH_SECRET is not set.*openssl rand/);
    expect(() => readAuthConfig({ DEMO_MODE: "1" })).toThrow(/npm start/);
  });

  it("refuses a short secret outside demo mode", () => {
    expect(() => readAuthConfig({ BETTER_AUTH_SECRET: "short-secret" })).toThrow(/too short/);
    expect(readAuthConfig({ BETTER_AUTH_SECRET: "short-secret", DEMO_MODE: "1" }).demo).toBe(true);
  });

  it("defaults to a 30 minute idle and 12 hour absolute session limit", () => {
    const config = readAuthConfig({ BETTER_AUTH_SECRET: SECRET });
    expect(config.idleTimeoutSeconds).toBe(30 * 60);
    expect(config.absoluteTimeoutSeconds).toBe(12 * 3600);
    expect(config.activityWriteIntervalSeconds).toBeLessThanOrEqual(60);
  });

  it("reads the limits from the environment and rejects nonsense", () => {
    const config = readAuthConfig({ BETTER_AUTH_SECRET: SECRET, AUTH_IDLE_TIMEOUT_MINUTES: "15", AUTH_SESSION_MAX_AGE_HOURS: "8" });
    expect(config.idleTimeoutSeconds).toBe(900);
    expect(config.absoluteTimeoutSeconds).toBe(8 * 3600);
    expect(() => readAuthConfig({ BETTER_AUTH_SECRET: SECRET, AUTH_IDLE_TIMEOUT_MINUTES: "soon" })).toThrow(
      /AUTH_IDLE_TIMEOUT_MINUTES must be a positive number/,
    );
    expect(() => readAuthConfig({ BETTER_AUTH_SECRET: SECRET, AUTH_IDLE_TIMEOUT_MINUTES: "600", AUTH_SESSION_MAX_AGE_HOURS: "1" })).toThrow(
      /must not be longer/,
    );
  });

  it("uses Secure cookies when the public URL is https, and lets AUTH_SECURE_COOKIES force it", () => {
    expect(readAuthConfig({ BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "https://calls.example.com/" }).secureCookies).toBe(true);
    expect(readAuthConfig({ BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "http://localhost:3000" }).secureCookies).toBe(false);
    expect(readAuthConfig({ BETTER_AUTH_SECRET: SECRET, AUTH_SECURE_COOKIES: "1" }).secureCookies).toBe(true);
    expect(readAuthConfig({ BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "https://calls.example.com" }).baseURL).toBe(
      "https://calls.example.com",
    );
    expect(() => readAuthConfig({ BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "calls.example.com" })).toThrow(/absolute http\(s\) URL/);
  });
  it("refuses AUTH_SECURE_COOKIES=0 on an https URL outside demo mode, as the comment promises", () => {
    const https = { BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "https://calls.example.com" };
    expect(() => readAuthConfig({ ...https, AUTH_SECURE_COOKIES: "0" })).toThrow(/AUTH_SECURE_COOKIES=0 is refused/);
    expect(readAuthConfig({ ...https }).secureCookies).toBe(true);
    expect(
      readAuthConfig({ BETTER_AUTH_SECRET: SECRET, BETTER_AUTH_URL: "http://localhost:3000", AUTH_SECURE_COOKIES: "0" }).secureCookies,
    ).toBe(false);
  });
  it("keeps 30 sign-in requests a minute per address unless AUTH_SIGN_INS_PER_MINUTE_PER_IP says more (an office behind one address)", () => {
    expect(readAuthConfig({ BETTER_AUTH_SECRET: SECRET }).signInsPerMinutePerIp).toBe(30);
    expect(readAuthConfig({ BETTER_AUTH_SECRET: SECRET, AUTH_SIGN_INS_PER_MINUTE_PER_IP: "200" }).signInsPerMinutePerIp).toBe(200);
  });
});
