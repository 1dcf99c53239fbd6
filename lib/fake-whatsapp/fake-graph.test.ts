/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are inspected loosely here */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/whatsapp/signature";
import { createFakeGraph } from "@/lib/fake-whatsapp/index";

const SECRET = "fake-test-secret";
const PHONE = "106540352242922";
const GRAPH = "https://graph.test/api/fake-graph";
const WA = "393471234567";

function setup(opts: { statusDelays?: { sent?: number; delivered?: number; read?: number | null } } = {}) {
  let now = Date.parse("2025-11-24T10:00:00Z");
  const posts: { body: string; signature: string | null; valid: boolean; json: any }[] = [];
  const fake = createFakeGraph({
    appSecret: SECRET,
    phoneNumberId: PHONE,
    webhookUrl: "http://app.test/api/webhooks/whatsapp",
    basePath: "/api/fake-graph",
    clock: { now: () => now },
    statusDelays: { sent: 0, delivered: 0, ...opts.statusDelays },
    fetchImpl: async (_url, init) => {
      const body = String(init.body);
      const signature = new Headers(init.headers).get("x-hub-signature-256");
      posts.push({ body, signature, valid: verifySignature(Buffer.from(body), signature, SECRET), json: JSON.parse(body) });
      return new Response("ok");
    },
  });
  const call = async (method: string, path: string, body?: unknown, token: string | null = "any-token") => {
    const res = await fake.fetch(`${GRAPH}${path}`, {
      method,
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as any, res };
  };
  const send = (body: Record<string, unknown>, token?: string | null) => call("POST", `/v23.0/${PHONE}/messages`, { messaging_product: "whatsapp", recipient_type: "individual", to: WA, ...body }, token);
  const customerWrites = (text = "Ciao", extra: Record<string, unknown> = {}) => call("POST", `/_fake/customers/${WA}/messages`, { profileName: "Niccolò Ré", text, ...extra });
  const statuses = () => posts.flatMap((p) => p.json.entry[0].changes[0].value.statuses ?? []);
  return { fake, call, send, customerWrites, posts, statuses, advance: (ms: number) => void (now += ms) };
}

const text = (body: string) => ({ type: "text", text: { body, preview_url: false } });

describe("fake Graph API: validation like Meta", () => {
  it("needs a bearer token and the configured phone number id", async () => {
    const t = setup();
    expect((await t.send(text("hi"), null)).json.error).toMatchObject({ code: 104, type: "OAuthException" });
    expect((await t.call("POST", "/v23.0/999/messages", { messaging_product: "whatsapp" })).json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it("rejects unknown fields, unknown types, missing and over-long bodies with Meta's error shape", async () => {
    const t = setup();
    await t.customerWrites();
    const unknown = await t.send({ ...text("hi"), priority: "high" });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100, error_data: { messaging_product: "whatsapp", details: 'Unexpected key "priority" on param "<root>".' }, fbtrace_id: expect.any(String) },
    });
    expect((await t.send({ type: "carrier_pigeon", carrier_pigeon: {} })).json.error.code).toBe(100);
    expect((await t.send({ type: "text", text: {} })).json.error.code).toBe(131008);
    expect((await t.send(text("x".repeat(4097)))).json.error).toMatchObject({ code: 100, error_data: { details: expect.stringMatching(/4096/) } });
    expect((await t.send(text("x".repeat(4096)))).status).toBe(200);
    expect((await t.call("POST", `/v23.0/${PHONE}/messages`, "{not json")).json.error.code).toBe(100);
  });

  it("applies the 24-hour rule per recipient, from the last time that customer wrote through the fake", async () => {
    const t = setup();
    const never = await t.send(text("hi"));
    expect(never.status).toBe(400);
    expect(never.json.error).toMatchObject({ code: 131047, message: "(#131047) Re-engagement message" });
    await t.customerWrites();
    expect((await t.send(text("hi"))).status).toBe(200);
    t.advance(24 * 60 * 60 * 1000 + 1);
    expect((await t.send(text("hi"))).json.error.code).toBe(131047);
    const template = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
    const ok = await t.send(template);
    expect(ok.json.messages[0]).toEqual({ id: expect.stringMatching(/^wamid\./), message_status: "accepted" });
  });

  it("checks templates against its list: missing → 132001, wrong parameter count → 132000, newline in a parameter → 132018", async () => {
    const t = setup();
    const named = (params: Record<string, string>) => Object.entries(params).map(([parameter_name, text]) => ({ type: "text", parameter_name, text }));
    const tpl = (name: string, params: Record<string, string>) => ({ type: "template", template: { name, language: { code: "en_US" }, components: [{ type: "body", parameters: named(params) }] } });
    const full = { first_name: "Giulia", pnr: "X7K2QM", flight: "AZ 1284", origin: "FCO", destination: "LIN", departure_date: "24 Nov", departure_time: "07:40" };
    expect((await t.send(tpl("no_such_template", {}))).json.error.code).toBe(132001);
    expect((await t.send(tpl("booking_confirmation", { first_name: "Giulia" }))).json.error.code).toBe(132000);
    expect((await t.send(tpl("booking_confirmation", { ...full, pnr: "X7K\n2QM" }))).json.error.code).toBe(132018);
    expect((await t.send(tpl("booking_confirmation", full))).status).toBe(200);
    expect((await t.call("GET", "/_fake/templates")).json.data.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(["hello_world", "booking_confirmation", "checkin_details", "boarding_pass", "payment_request"]),
    );
  });
});

describe("fake Graph API: sends and statuses", () => {
  it("answers like Meta, then posts signed sent and delivered statuses echoing biz_opaque_callback_data; read when the customer opens the chat", async () => {
    const t = setup();
    await t.customerWrites();
    const res = await t.send({ ...text("Il volo è confermato"), biz_opaque_callback_data: "msg-1" });
    expect(res.json).toEqual({ messaging_product: "whatsapp", contacts: [{ input: WA, wa_id: WA }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
    const wamid = res.json.messages[0].id;
    await t.fake.idle();
    expect(t.posts.every((p) => p.valid)).toBe(true);
    expect(t.statuses()).toEqual([
      expect.objectContaining({ id: wamid, status: "sent", recipient_id: WA, biz_opaque_callback_data: "msg-1", conversation: expect.any(Object), pricing: expect.any(Object) }),
      expect.objectContaining({ id: wamid, status: "delivered", biz_opaque_callback_data: "msg-1" }),
    ]);
    expect((await t.call("GET", `/_fake/customers/${WA}/inbox`)).json.data[0]).toMatchObject({ wamid, status: "delivered", content: { body: "Il volo è confermato" } });

    expect((await t.call("POST", `/_fake/customers/${WA}/read`)).json.read).toEqual([wamid]);
    await t.fake.idle();
    expect(t.statuses().at(-1)).toMatchObject({ id: wamid, status: "read", biz_opaque_callback_data: "msg-1" });
  });

  it("records read receipts the business sends", async () => {
    const t = setup();
    expect((await t.call("POST", `/v23.0/${PHONE}/messages`, { messaging_product: "whatsapp", status: "read", message_id: "wamid.IN" })).json).toEqual({ success: true });
    expect(t.fake.engine.readMarks).toEqual(["wamid.IN"]);
  });
});

describe("fake Graph API: fault injection", () => {
  it("injects a burst of 130429, a 500, an undeliverable recipient, asynchronous failures, and clears them", async () => {
    const t = setup();
    await t.customerWrites();
    expect((await t.call("POST", "/_fake/faults", { code: 130429, times: 2 })).status).toBe(201);
    expect((await t.send(text("a"))).json.error.code).toBe(130429);
    expect((await t.send(text("a"))).json.error.code).toBe(130429);
    expect((await t.send(text("a"))).status).toBe(200);

    await t.call("POST", "/_fake/faults", { code: 500, times: 1 });
    expect((await t.send(text("b"))).status).toBe(500);

    await t.call("POST", "/_fake/faults", { code: 131026, recipient: "+39000000000", times: 5 });
    expect((await t.send(text("c"))).status).toBe(200); // another recipient: unaffected
    await t.call("POST", "/_fake/faults", { code: 131026, recipient: WA, times: 5 });
    expect((await t.send(text("c"))).json.error.code).toBe(131026);
    expect((await t.call("DELETE", "/_fake/faults")).status).toBe(200);
    expect((await t.call("GET", "/_fake/faults")).json.faults).toEqual([]);

    await t.call("POST", "/_fake/faults", { code: 131026, times: 1, async: true });
    const accepted = await t.send(text("d"));
    expect(accepted.status).toBe(200);
    await t.fake.idle();
    const ofFailed = t.statuses().filter((s) => s.id === accepted.json.messages[0].id);
    expect(ofFailed).toEqual([expect.objectContaining({ status: "failed", errors: [expect.objectContaining({ code: 131026, title: "Message undeliverable" })] })]);
    expect((await t.call("POST", "/_fake/faults", { code: "nonsense" })).status).toBe(400);
  });
});

describe("fake Graph API: an outage", () => {
  it("fails every Graph call (sends, reads of the number) with a 500 or a 429 until it ends, then answers again", async () => {
    const t = setup();
    await t.customerWrites();
    expect((await t.call("POST", "/_fake/outage", { kind: 418 })).status).toBe(400);
    expect((await t.call("POST", "/_fake/outage", { seconds: 0 })).status).toBe(400);
    expect((await t.call("GET", "/_fake/outage")).json.outage).toBeNull();

    expect((await t.call("POST", "/_fake/outage", { kind: 500, seconds: 60 })).status).toBe(201);
    expect((await t.call("GET", "/_fake/outage")).json.outage).toMatchObject({ kind: 500 });
    const down = await t.send(text("a"));
    expect(down.status).toBe(500);
    expect(down.json.error).toMatchObject({ code: 2, message: "(#2) Service temporarily unavailable" });
    expect((await t.call("GET", `/v23.0/${PHONE}?fields=id`)).status).toBe(500);

    await t.call("POST", "/_fake/outage", { kind: 429, seconds: 60 });
    expect((await t.send(text("b"))).status).toBe(429);

    expect((await t.call("DELETE", "/_fake/outage")).status).toBe(200);
    expect((await t.send(text("c"))).status).toBe(200);
    expect((await t.call("GET", `/v23.0/${PHONE}?fields=id`)).status).toBe(200);
    expect(t.fake.engine.inboxOf(WA).map((m) => m.content.body)).toEqual(["c"]);
  });
});

describe("fake Graph API: the customer side", () => {
  it("turns a customer's message into a signed webhook with Meta's byte format (non-ASCII escaped)", async () => {
    const t = setup();
    const res = await t.customerWrites("Perché il volo è in ritardo? ✈️", { contextId: "wamid.OURS" });
    expect(res.status).toBe(201);
    const [post] = t.posts;
    expect(post!.valid).toBe(true);
    expect(post!.body).toContain("Niccol\\u00f2 R\\u00e9");
    expect(post!.body).toContain("\\u2708\\ufe0f");
    expect(/[^\x00-\x7f]/.test(post!.body)).toBe(false);
    const value = post!.json.entry[0].changes[0].value;
    expect(value.metadata.phone_number_id).toBe(PHONE);
    expect(value.contacts).toEqual([{ profile: { name: "Niccolò Ré" }, wa_id: WA }]);
    expect(value.messages[0]).toMatchObject({ from: WA, id: res.json.id, type: "text", text: { body: "Perché il volo è in ritardo? ✈️" }, context: { id: "wamid.OURS" } });
  });

  it("builds interactive replies, reactions and locations, and refuses nonsense", async () => {
    const t = setup();
    await t.call("POST", `/_fake/customers/${WA}/messages`, { type: "interactive", interactive: { button_reply: { id: "talk_to_agent", title: "Talk to an agent" } } });
    await t.call("POST", `/_fake/customers/${WA}/messages`, { type: "reaction", reaction: { message_id: "wamid.OURS", emoji: "👍" } });
    await t.call("POST", `/_fake/customers/${WA}/messages`, { type: "location", location: { latitude: 45.63, longitude: 8.72, name: "MXP T1" } });
    const kinds = t.posts.map((p) => p.json.entry[0].changes[0].value.messages[0]);
    expect(kinds.map((m) => m.type)).toEqual(["interactive", "reaction", "location"]);
    expect(kinds[0].interactive).toEqual({ type: "button_reply", button_reply: { id: "talk_to_agent", title: "Talk to an agent" } });
    expect((await t.call("POST", `/_fake/customers/${WA}/messages`, { type: "hologram" })).status).toBe(400);
  });

  it("serves the media a customer sent: GET /{version}/{media-id} then the bytes, both with the token", async () => {
    const t = setup();
    await t.call("POST", `/_fake/customers/${WA}/messages`, { type: "image", media: { caption: "my passport" } });
    const image = t.posts[0]!.json.entry[0].changes[0].value.messages[0].image;
    expect(image).toMatchObject({ caption: "my passport", mime_type: "image/png", id: expect.stringMatching(/^\d+$/) });
    const meta = await t.call("GET", `/v23.0/${image.id}`);
    expect(meta.json).toMatchObject({ messaging_product: "whatsapp", id: image.id, mime_type: "image/png", sha256: image.sha256, url: `https://graph.test/api/fake-graph/_fake/media/${image.id}` });
    const file = await t.fake.fetch(meta.json.url, { headers: { Authorization: "Bearer any" } });
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(createHash("sha256").update(bytes).digest("base64")).toBe(image.sha256);
    expect((await t.fake.fetch(meta.json.url)).status).toBe(401);
    expect((await t.call("GET", "/v23.0/12345")).json.error.code).toBe(100);
  });
});

describe("the fake's media store", () => {
  it("keeps memory bounded: the oldest uploads go first", async () => {
    const { boundMedia, MAX_MEDIA_FILES, MAX_MEDIA_BYTES } = await import("./engine");
    const media = new Map<string, { id: string; mimeType: string; bytes: Uint8Array; sha256: string }>();
    for (let i = 0; i < MAX_MEDIA_FILES + 10; i++) media.set(`m${i}`, { id: `m${i}`, mimeType: "image/jpeg", bytes: new Uint8Array(10), sha256: "x" });
    boundMedia(media);
    expect(media.size).toBe(MAX_MEDIA_FILES);
    expect(media.has("m0")).toBe(false);
    expect(media.has(`m${MAX_MEDIA_FILES + 9}`)).toBe(true);
    const big = new Map([1, 2, 3].map((i) => [`b${i}`, { id: `b${i}`, mimeType: "application/pdf", bytes: new Uint8Array(MAX_MEDIA_BYTES / 2), sha256: "x" }] as const));
    boundMedia(big);
    expect([...big.keys()]).toEqual(["b2", "b3"]);
  });
});
