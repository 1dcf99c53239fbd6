import { describe, expect, it } from "vitest";
import { replySchema, templateReplySchema } from "./schemas";
import { updateConversationSchema } from "@/lib/conversations/schemas";

describe("input that Postgres or WhatsApp would refuse is a field error", () => {
  it.each([
    ["a NUL", "Ciao\u0000"],
    ["a lone high surrogate", "Ciao \ud83d"],
    ["a lone low surrogate", "\ude00 Ciao"],
  ])("a reply with %s", (_, text) => {
    const r = replySchema.safeParse({ text });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["text"]);
  });

  it("keeps whole emoji", () => {
    expect(replySchema.parse({ text: "Buon viaggio 😀" }).text).toBe("Buon viaggio 😀");
  });

  it("a template value with a NUL or a broken emoji", () => {
    for (const bad of ["AZ\u00001234", "\ud83d"]) {
      const r = templateReplySchema.safeParse({ templateId: "00000000-0000-4000-8000-000000000001", values: { "body:pnr": { type: "text", text: bad } } });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["values", "body:pnr", "text"]);
    }
  });

  it("a snooze beyond the representable or sensible range", () => {
    for (const snoozedUntil of ["+275761-01-01T00:00:00Z", "9999-12-31T00:00:00Z", 8.64e15 + 1, "tomorrow-ish"]) {
      const r = updateConversationSchema.safeParse({ status: "snoozed", snoozedUntil });
      expect(r.success, String(snoozedUntil)).toBe(false);
      expect(r.error?.issues.some((i) => i.path[0] === "snoozedUntil")).toBe(true);
    }
  });
});
