import { describe, expect, it } from "vitest";
import { embeddedUrl, usableSocketDir } from "./embedded";
import { isLocalDatabase } from "./url";

describe("isLocalDatabase", () => {
  it("accepts this machine by name, address or Unix socket", () => {
    expect(isLocalDatabase("postgresql://u:p@localhost:5432/db")).toBe(true);
    expect(isLocalDatabase("postgresql://u:p@127.0.0.1:5432/db")).toBe(true);
    expect(isLocalDatabase("postgresql://u:p@[::1]:5432/db")).toBe(true);
    expect(isLocalDatabase("postgresql://u:p@127.0.0.1:5432/db?host=%2Ftmp")).toBe(true);
  });

  it("refuses another machine, also when a host parameter overrides a local-looking URL", () => {
    expect(isLocalDatabase("postgresql://u:p@db.example.com:5432/db")).toBe(false);
    expect(isLocalDatabase("postgresql://u:p@localhost:5432/db?host=db.example.com")).toBe(false);
    expect(isLocalDatabase("not a url")).toBe(false);
  });
});

describe("embeddedUrl", () => {
  it("reaches the embedded server through its Unix socket, keeping the port that names the socket", () => {
    const url = new URL(embeddedUrl(54329, "/tmp"));
    expect(url.port).toBe("54329");
    expect(url.searchParams.get("host")).toBe("/tmp");
    expect(embeddedUrl(54329, null)).toBe("postgresql://postgres:postgres@127.0.0.1:54329/levers");
  });
});

describe("usableSocketDir", () => {
  it("uses the temp folder for the socket, but falls back to TCP on Windows or when the socket path would be too long", () => {
    expect(usableSocketDir("/tmp", "linux")).toBe("/tmp");
    expect(usableSocketDir("/tmp", "win32")).toBeNull();
    expect(usableSocketDir(`/home/someone/${"very-long-folder-name/".repeat(5)}tmp`, "linux")).toBeNull();
  });
});
