import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainWhatsAppError } from "./error-text";
import { describeInboundMessage } from "./message-content";
import { flattenNotification, inboundMessageSchema, needsSanitizing, parseTimestamp, parseWebhookBody, sanitizeJson } from "./payload";
import { loadFixtures, notification } from "@/lib/ingest/test-helpers";

const flatten = (body: string) => {
  const parsed = parseWebhookBody(body);
  if (!parsed.ok) throw new Error(parsed.reason);
  return flattenNotification(parsed.notification);
};
const describeMsg = (m: Record<string, unknown>) => describeInboundMessage(inboundMessageSchema.parse({ id: "wamid.X", from: "39", timestamp: "1764000000", ...m }));

describe("parseWebhookBody / flattenNotification", () => {
  const fixtures = loadFixtures();

  it("flattens the batch into two messages, each with its own sender's profile", () => {
    const items = flatten(fixtures.get("inbound-batch.json")!);
    expect(items.map((i) => i.kind)).toEqual(["message", "message"]);
    expect(items.map((i) => (i.kind === "message" ? [i.phoneNumberId, i.contact?.name, i.message.text] : null))).toEqual([
      ["106540352242922", "Giulia Rossi", { body: "first" }],
      ["106540352242922", "Jan de Vries", { body: "Hallo, mijn vlucht is geannuleerd" }],
    ]);
  });

  it("statuses without contacts, optional conversation/pricing, and other fields", () => {
    const [sent] = flatten(fixtures.get("status-sent.json")!);
    expect(sent).toMatchObject({ kind: "status", status: { id: "wamid.OUTBOUND0001", status: "sent", errors: [] } });
    const [failed] = flatten(fixtures.get("status-failed-131047.json")!);
    expect(failed).toMatchObject({ kind: "status", status: { status: "failed", errors: [{ code: 131047, error_data: { details: expect.stringContaining("24 hours") } }] } });
    expect(flatten(fixtures.get("template-status-update.json")!)).toEqual([
      { kind: "template", field: "message_template_status_update", wabaId: "102290129340398", time: null, value: expect.objectContaining({ event: "APPROVED", message_template_id: 1689556908129832 }) },
    ]);
    expect(flatten(fixtures.get("template-quality-update.json")!)).toMatchObject([{ kind: "template", field: "message_template_quality_update", time: 1780002000, value: { new_quality_score: "YELLOW" } }]);
    expect(flatten(fixtures.get("template-category-update.json")!)).toMatchObject([{ kind: "template", field: "template_category_update", value: { new_category: "MARKETING" } }]);
  });

  it("is lenient: unknown fields pass, bad elements are skipped with a note, nothing throws", () => {
    expect(parseWebhookBody("nope")).toMatchObject({ ok: false });
    expect(parseWebhookBody('{"entry":[]}')).toMatchObject({ ok: false });
    expect(parseWebhookBody('{"object":"whatsapp_business_account","entry":{}}')).toMatchObject({ ok: false });
    const items = flatten(
      JSON.stringify({
        object: "whatsapp_business_account",
        extra: true,
        entry: [
          42,
          { changes: "x" },
          { changes: [null, { field: "messages", value: { metadata: {} } }, { field: "account_update", value: { event: "VERIFIED" } }] },
          { changes: [{ field: "messages", value: { metadata: { phone_number_id: 123 }, contacts: "?", messages: [{ type: "text" }, { id: "w", from: 39, type: "text", text: { body: "ok" }, future: 1 }], statuses: [{ id: "s" }] } }] },
        ],
      }),
    );
    expect(items.map((i) => i.kind)).toEqual(["other", "other", "other", "other", "other", "message", "other"]);
    expect(items[5]).toMatchObject({ kind: "message", phoneNumberId: "123", contact: null, message: { id: "w", from: "39", future: 1 } });
  });

  it("parseTimestamp: Unix seconds as string or number; garbage or future → now", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(parseTimestamp("1764000000", now).toISOString()).toBe("2025-11-24T16:00:00.000Z");
    expect(parseTimestamp(1764000000, now).toISOString()).toBe("2025-11-24T16:00:00.000Z");
    for (const bad of [undefined, "", "abc", "1e9", "-5", "99999999999", 1e300, Number.NaN, "17640000000000000000"]) {
      expect(parseTimestamp(bad as string | number | undefined, now)).toBe(now);
    }
  });

  it("sanitizeJson strips what Postgres rejects (NUL, lone surrogates) and keeps __proto__ inert", () => {
    const parsed = JSON.parse('{"a\\u0000":"x\\u0000y","b":"\\ud83d","__proto__":{"polluted":1},"c":[1,"\\udc00z"]}');
    const clean = sanitizeJson(parsed) as Record<string, unknown>;
    expect(clean).toEqual({ a: "xy", b: "\uFFFD", c: [1, "\uFFFDz"], ["__proto__"]: { polluted: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
  });

  it("skips the deep copy only when it would change nothing", () => {
    // Whatever the body, a "no" from needsSanitizing means sanitizeJson returns an equal value.
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc.string({ unit: "binary", maxLength: 40 }).map((v) => JSON.stringify({ object: "whatsapp_business_account", entry: [{ v }] })),
    );
    fc.assert(
      fc.property(body, (b) => {
        const parsed: unknown = JSON.parse(b);
        if (!needsSanitizing(b)) expect(sanitizeJson(parsed)).toStrictEqual(parsed);
      }),
      { numRuns: 2000 },
    );
    // And each thing the copy is for is seen: escapes, ±Infinity, deep nesting.
    const deep = `{"object":"x","entry":[${"[".repeat(70)}1${"]".repeat(70)}]}`;
    for (const b of [String.raw`{"a":"x\u0000y"}`, String.raw`{"b":"\ud83d"}`, '{"n":1e999}', `{"n":${"9".repeat(400)}}`, deep]) {
      expect(needsSanitizing(b)).toBe(true);
      expect(sanitizeJson(JSON.parse(b))).not.toStrictEqual(JSON.parse(b));
    }
    const fixtureBodies = [...loadFixtures().values()];
    expect(fixtureBodies.filter((b) => !needsSanitizing(b)).length).toBeGreaterThan(fixtureBodies.length / 2);
  });
});

describe("describeInboundMessage", () => {
  it("gives readable text and preview for each type", () => {
    expect(describeMsg({ type: "image", image: { id: "m1", mime_type: "image/jpeg" } })).toMatchObject({ kind: "image", text: null, preview: "📷 Photo", media: { providerMediaId: "m1" } });
    expect(describeMsg({ type: "audio", audio: { id: "m2", voice: true } })).toMatchObject({ text: null, preview: "🎤 Voice message" });
    expect(describeMsg({ type: "document", document: { id: "m3", filename: "a.pdf" } })).toMatchObject({ preview: "📄 a.pdf", media: { filename: "a.pdf" } });
    expect(describeMsg({ type: "sticker", sticker: { id: "m4", animated: false } })).toMatchObject({ kind: "sticker", preview: "Sticker" });
    expect(describeMsg({ type: "location", location: { latitude: 1.5, longitude: 2 } })).toMatchObject({ text: "📍 1.5, 2" });
    expect(describeMsg({ type: "contacts", contacts: [{ name: { formatted_name: "Ada L" } }] })).toMatchObject({ kind: "contacts", text: "👤 Ada L" });
    expect(describeMsg({ type: "interactive", interactive: { type: "nfm_reply", nfm_reply: { response_json: "{}" } } })).toMatchObject({ text: "Form submitted" });
    expect(describeMsg({ type: "system", system: { body: "Customer changed number", type: "user_changed_number" } })).toMatchObject({ kind: "system", text: "Customer changed number" });
    expect(describeMsg({ type: "reaction", reaction: { message_id: "wamid.T" } })).toMatchObject({ text: null, reaction: { targetProviderId: "wamid.T", emoji: "" } });
    expect(describeMsg({ type: "text", text: { body: "hi" }, context: { id: "wamid.Q" }, referral: { source_type: "ad" } }).payload).toEqual({ body: "hi", context: { id: "wamid.Q" }, referral: { source_type: "ad" } });
  });

  it("keeps unknown types and known types without their object as unsupported", () => {
    expect(describeMsg({ type: "ephemeral" })).toMatchObject({ kind: "unsupported", text: null, payload: { type: "ephemeral", originalType: "ephemeral" } });
    expect(describeMsg({ type: "image", image: "nope" })).toMatchObject({ kind: "unsupported", payload: { image: "nope", originalType: "image" } });
    expect(describeMsg({})).toMatchObject({ kind: "unsupported" });
  });
});

describe("explainWhatsAppError", () => {
  it("maps the codes agents meet to actionable words", () => {
    expect(explainWhatsAppError(131047)).toBe("More than 24 hours since the customer last wrote — send a template instead.");
    expect(explainWhatsAppError("132001")).toContain("not approved");
    expect(explainWhatsAppError(1, "Odd.")).toBe("WhatsApp could not deliver this message: Odd.");
    expect(explainWhatsAppError(undefined)).toBe("WhatsApp could not deliver this message.");
  });
});

it("notification() helper builds an envelope the parser accepts", () => {
  expect(parseWebhookBody(notification({ messages: [] })).ok).toBe(true);
});

describe("media references come only from Meta's media ids", () => {
  it("drops a mediaUrl or mediaFileId a notification carries; only a media id makes a file", () => {
    const forged = describeMsg({ type: "image", image: { mediaUrl: "https://evil.example/x.png", mediaFileId: "0f8fad5b-d9cb-469f-a165-70867728950e", caption: "hi" } });
    expect(forged.payload).not.toHaveProperty("mediaUrl");
    expect(forged.payload).not.toHaveProperty("mediaFileId");
    expect(forged.media).toBeNull();
    const doc = describeMsg({ type: "document", document: { link: "/api/media/0f8fad5b-d9cb-469f-a165-70867728950e", mediaUrl: "/api/media/../../x", filename: "a.pdf" } });
    expect(doc.payload).not.toHaveProperty("mediaUrl");
  });
});
