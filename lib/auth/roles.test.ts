import { describe, expect, it } from "vitest";
import { landingFor, navigationFor } from "./navigation";
import { hasRole, isRole, ROLES } from "./roles";

describe("roles", () => {
  it("orders agent < manager < admin", () => {
    const allowed = ROLES.flatMap((actual) =>
      ROLES.filter((required) => hasRole(actual, required)).map((required) => `${actual}>=${required}`),
    );
    expect(allowed).toEqual(["agent>=agent", "manager>=agent", "manager>=manager", "admin>=agent", "admin>=manager", "admin>=admin"]);
  });

  it("recognises only the three roles", () => {
    expect(ROLES.every(isRole)).toBe(true);
    for (const value of ["user", "Admin", "", null, undefined, 1, "admin "]) expect(isRole(value)).toBe(false);
  });

  it("shows each role only the navigation it may open", () => {
    expect(navigationFor("agent").map((i) => i.label)).toEqual(["My work", "Calls", "Accounts"]);
    expect(navigationFor("manager").map((i) => i.label)).toEqual(["My work", "Calls", "Accounts", "Analytics", "Compliance", "Review"]);
    expect(navigationFor("admin").map((i) => i.label)).toEqual([
      "My work",
      "Calls",
      "Accounts",
      "Analytics",
      "Compliance",
      "Review",
      "Admin",
    ]);
  });
});

describe("landingFor", () => {
  it("lands agents on My work and managers and admins on the calls (after sign-in and at /)", () => {
    expect(landingFor("agent")).toBe("/work");
    expect(landingFor("manager")).toBe("/calls");
    expect(landingFor("admin")).toBe("/calls");
    expect(landingFor(null)).toBe("/calls");
  });
});

describe("requiredRoleFor", () => {
  it("maps dashboard paths to the role their section needs", async () => {
    const { requiredRoleFor } = await import("./navigation");
    expect(requiredRoleFor("/calls/abc?from=x")).toBe("agent");
    expect(requiredRoleFor("/analytics?range=30d")).toBe("manager");
    expect(requiredRoleFor("/admin/users")).toBe("admin");
    expect(requiredRoleFor("/administrator")).toBeNull();
    expect(requiredRoleFor(null)).toBeNull();
  });
});
