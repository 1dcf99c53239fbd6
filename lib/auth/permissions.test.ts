import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, can } from "./permissions";

describe("permission table", () => {
  it("lets every role read and reply", () => {
    for (const role of ROLES) {
      expect(can(role, "conversation:read")).toBe(true);
      expect(can(role, "conversation:reply")).toBe(true);
    }
  });

  it("lets every role change their own profile", () => {
    for (const role of ROLES) expect(can(role, "profile:update")).toBe(true);
  });

  it("keeps assignment of others to leads and admins", () => {
    expect(can("agent", "conversation:assign")).toBe(false);
    expect(can("lead", "conversation:assign")).toBe(true);
    expect(can("admin", "conversation:assign")).toBe(true);
  });

  it("keeps user management and settings changes to admins", () => {
    expect(can("admin", "user:manage")).toBe(true);
    expect(can("lead", "user:manage")).toBe(false);
    expect(can("agent", "settings:read")).toBe(false);
    expect(can("lead", "settings:manage")).toBe(false);
  });

  it("keeps running the team, the payments report and refund approvals to leads and admins, and working a conversation to everyone", () => {
    for (const action of ["team:manage", "label:manage", "report:read", "payment:report", "payment:approve_refund"] as const) {
      expect(can("agent", action)).toBe(false);
      expect(can("lead", action)).toBe(true);
      expect(can("admin", action)).toBe(true);
    }
    for (const action of ["conversation:note", "label:apply", "search:read", "notification:read"] as const) {
      for (const role of ROLES) expect(can(role, action)).toBe(true);
    }
  });

  it("names only known roles", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });
});
