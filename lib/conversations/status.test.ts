import { describe, expect, it } from "vitest";
import { updateConversationSchema } from "./schemas";
import { canTransition, statusSideEffects, transitionError } from "./status";

describe("conversation status transitions", () => {
  it("allows moving between active statuses and resolving", () => {
    expect(canTransition("open", "pending")).toBe(true);
    expect(canTransition("pending", "open")).toBe(true);
    expect(canTransition("snoozed", "resolved")).toBe(true);
    expect(canTransition("open", "resolved")).toBe(true);
  });

  it("requires a resolved conversation to be reopened first", () => {
    expect(canTransition("resolved", "open")).toBe(true);
    expect(canTransition("resolved", "pending")).toBe(false);
    expect(canTransition("resolved", "snoozed")).toBe(false);
    expect(transitionError("resolved", "pending")).toMatch(/Reopen/);
  });

  it("sets and clears the timestamps that go with a status", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const until = new Date("2026-01-02T09:00:00Z");
    expect(statusSideEffects("resolved", now)).toMatchObject({ resolvedAt: now, snoozedUntil: null, unreadCount: 0, waitingSince: null });
    expect(statusSideEffects("snoozed", now, until)).toMatchObject({ resolvedAt: null, snoozedUntil: until });
    expect(statusSideEffects("open", now)).toMatchObject({ resolvedAt: null, snoozedUntil: null });
  });
});

describe("update validation", () => {
  it("rejects an empty patch and unknown fields", () => {
    expect(updateConversationSchema.safeParse({}).success).toBe(false);
    expect(updateConversationSchema.safeParse({ status: "open", workspaceId: "x" }).success).toBe(false);
  });

  it("requires a future wake-up time to snooze", () => {
    const r = updateConversationSchema.safeParse({ status: "snoozed" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["snoozedUntil"]);
    expect(updateConversationSchema.safeParse({ status: "snoozed", snoozedUntil: new Date(Date.now() - 1000).toISOString() }).success).toBe(false);
    expect(updateConversationSchema.safeParse({ status: "snoozed", snoozedUntil: new Date(Date.now() + 3600_000).toISOString() }).success).toBe(true);
  });

  it("rejects unknown statuses and priorities", () => {
    expect(updateConversationSchema.safeParse({ status: "closed" }).success).toBe(false);
    expect(updateConversationSchema.safeParse({ priority: "critical" }).success).toBe(false);
  });
});
