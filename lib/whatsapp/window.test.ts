import { describe, expect, it } from "vitest";
import { needsOpenWindow, WINDOW_MS, windowState } from "./window";

describe("windowState", () => {
  const now = new Date("2025-11-24T12:00:00Z");

  it("is open for 24 hours after the customer's last message, with the time left", () => {
    const last = new Date(now.getTime() - 60 * 60 * 1000);
    expect(windowState(last, now)).toEqual({ open: true, expiresAt: new Date(last.getTime() + WINDOW_MS), msLeft: 23 * 60 * 60 * 1000 });
  });

  it("is closed at exactly 24 hours and after, and when the customer never wrote", () => {
    expect(windowState(new Date(now.getTime() - WINDOW_MS), now)).toMatchObject({ open: false, msLeft: 0 });
    expect(windowState(new Date(now.getTime() - WINDOW_MS - 1), now).open).toBe(false);
    expect(windowState(null, now)).toEqual({ open: false, expiresAt: null, msLeft: 0 });
  });

  it("exempts only templates", () => {
    expect(needsOpenWindow("template")).toBe(false);
    for (const kind of ["text", "document", "interactive", "image"]) expect(needsOpenWindow(kind)).toBe(true);
  });
});
