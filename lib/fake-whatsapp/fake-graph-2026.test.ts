/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are inspected loosely here */
import { describe, expect, it } from "vitest";
import { verifySignature } from "@/lib/whatsapp/signature";
import { createFakeGraph } from "@/lib/fake-whatsapp/index";

// The 2026 Cloud API shapes: business-scoped user ids (BSUIDs) and usernames, sends by
// `recipient`, coexistence edits/deletes/echoes, Flow answers, ads, request_welcome.
const SECRET = "fake-test-secret";
const PHONE = "106540352242922";
const GRAPH = "https://graph.test/api/fake-graph";
const WA = "393471234567";
const BSUID = "IT.13491208655302741918";
const HIDDEN = "IT.88120034455667788990"; // a username-only customer: phone withheld

function setup() {
  let now = Date.parse("2026-06-01T10:00:00Z");
  const posts: { valid: boolean; json: any }[] = [];
  const fake = createFakeGraph({
    appSecret: SECRET,
    phoneNumberId: PHONE,
    webhookUrl: "http://app.test/api/webhooks/whatsapp",
    basePath: "/api/fake-graph",
    clock: { now: () => now },
    statusDelays: { sent: 0, delivered: 0, read: 0 },
    fetchImpl: async (_url, init) => {
      const body = String(init.body);
      const signature = new Headers(init.headers).get("x-hub-signature-256");
      posts.push({ valid: verifySignature(Buffer.from(body), signature, SECRET), json: JSON.parse(body) });
      return new Response("ok");
    },
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fake.fetch(`${GRAPH}${path}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: "Bearer any-token" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as any };
  };
  const send = (body: Record<string, unknown>) => call("POST", `/v25.0/${PHONE}/messages`, { messaging_product: "whatsapp", type: "text", text: { body: "Ciao!" }, ...body });
  const customer = (key: string, body: Record<string, unknown>) => call("POST", `/_fake/customers/${key}/messages`, body);
  const change = (i = -1) => posts.at(i)!.json.entry[0].changes[0];
  const value = (i = -1) => change(i).value;
  const statuses = () => posts.flatMap((p) => p.json.entry[0].changes[0].value.statuses ?? []);
  return { fake, call, send, customer, posts, change, value, statuses, advance: (ms: number) => void (now += ms) };
}

describe("fake Graph API 2026: customer identities", () => {
  it("a phone-only customer still looks as before: wa_id and from, no user ids", async () => {
    const t = setup();
    await t.customer(WA, { profileName: "Giulia Rossi", text: "Ciao" });
    expect(t.value().contacts).toEqual([{ profile: { name: "Giulia Rossi" }, wa_id: WA }]);
    expect(t.value().messages[0].from).toBe(WA);
    expect(t.value().messages[0]).not.toHaveProperty("from_user_id");
  });

  it("a customer with phone and BSUID: both travel, with the username", async () => {
    const t = setup();
    const res = await t.customer(WA, { profileName: "Giulia Rossi", userId: BSUID, username: "giulia.rossi", text: "Ciao" });
    expect(res.status).toBe(201);
    expect(t.posts[0]!.valid).toBe(true);
    expect(t.value().contacts).toEqual([{ profile: { name: "Giulia Rossi", username: "giulia.rossi" }, wa_id: WA, user_id: BSUID }]);
    expect(t.value().messages[0]).toMatchObject({ from: WA, from_user_id: BSUID, id: res.json.id, type: "text", text: { body: "Ciao" } });
  });

  it("a username-only customer (phone withheld): user_id and from_user_id, no wa_id and no from", async () => {
    const t = setup();
    const res = await t.customer(HIDDEN, { profileName: "Marta", username: "marta_viaggia", text: "Il mio bagaglio?" });
    expect(res.status).toBe(201);
    const v = t.value();
    expect(v.contacts).toEqual([{ profile: { name: "Marta", username: "marta_viaggia" }, user_id: HIDDEN }]);
    expect(v.messages[0]).toEqual({ from_user_id: HIDDEN, id: res.json.id, timestamp: expect.any(String), type: "text", text: { body: "Il mio bagaglio?" } });
    expect(t.fake.engine.customers.get(HIDDEN)).toMatchObject({ waId: null, userId: HIDDEN, username: "marta_viaggia" });
  });

  it("refuses a malformed BSUID or username, and unknown customer paths", async () => {
    const t = setup();
    expect((await t.customer(WA, { userId: "not-a-bsuid", text: "x" })).status).toBe(400);
    expect((await t.customer(HIDDEN, { username: "no spaces allowed", text: "x" })).status).toBe(400);
    expect((await t.customer("it.lowercase", { text: "x" })).status).toBe(404);
    expect(t.posts).toHaveLength(0);
    expect(t.fake.engine.customers.size).toBe(0);
  });
});

describe("fake Graph API 2026: sending to a phone number or a BSUID", () => {
  it("needs `to` or `recipient`, validates each, and `to` wins when both are given", async () => {
    const t = setup();
    const none = await t.send({});
    expect(none.status).toBe(400);
    expect(none.json.error).toMatchObject({ code: 131008, type: "OAuthException", message: "(#131008) Required parameter is missing", error_data: { messaging_product: "whatsapp", details: "The parameter to or recipient is required." } });
    const badBsuid = await t.send({ recipient: "13491208655302741918" });
    expect(badBsuid.json.error).toMatchObject({ code: 131009, error_data: { details: expect.stringMatching(/business-scoped user id/) } });
    expect((await t.send({ to: "12ab" })).json.error.code).toBe(131009);
    expect((await t.send({ recipient: 42 })).json.error.code).toBe(100);

    await t.customer(WA, { profileName: "Giulia", userId: BSUID, text: "Ciao" });
    // Both: `to` wins, even when `recipient` is garbage.
    const both = await t.send({ to: WA, recipient: "garbage" });
    expect(both.status).toBe(200);
    expect(both.json.contacts).toEqual([{ input: WA, wa_id: WA, user_id: BSUID }]);
    await t.fake.idle();
    expect(t.statuses().filter((s) => s.id === both.json.messages[0].id)[0]).toMatchObject({ recipient_id: WA, recipient_user_id: BSUID });
  });

  it("a send to a username-only customer's BSUID: contacts without wa_id, statuses with recipient_user_id and no recipient_id, each with pricing", async () => {
    const t = setup();
    await t.customer(HIDDEN, { profileName: "Marta", username: "marta_viaggia", text: "Ciao" });
    const res = await t.send({ recipient: HIDDEN });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ messaging_product: "whatsapp", contacts: [{ input: HIDDEN, user_id: HIDDEN }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
    await t.fake.idle();
    const mine = t.statuses().filter((s) => s.id === res.json.messages[0].id);
    expect(mine.map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
    for (const s of mine) {
      expect(s).not.toHaveProperty("recipient_id");
      expect(s).toMatchObject({ recipient_user_id: HIDDEN, pricing: { pricing_model: "PMP", billable: false, category: "service", type: "free_customer_service" } });
    }
    expect((await t.call("GET", `/_fake/customers/${HIDDEN}/inbox`)).json.data[0]).toMatchObject({ wamid: res.json.messages[0].id, to: HIDDEN, via: "recipient", content: { body: "Ciao!" } });
  });

  it("a send by BSUID to a customer known by phone reaches the same chat and keeps their wa_id in the answer", async () => {
    const t = setup();
    await t.customer(WA, { profileName: "Giulia", userId: BSUID, text: "Ciao" });
    const res = await t.send({ recipient: BSUID });
    expect(res.json.contacts).toEqual([{ input: BSUID, wa_id: WA, user_id: BSUID }]);
    await t.fake.idle();
    const sent = t.statuses().find((s) => s.id === res.json.messages[0].id && s.status === "sent");
    expect(sent).not.toHaveProperty("recipient_id");
    expect(sent).toMatchObject({ recipient_user_id: BSUID, pricing: expect.any(Object) });
    expect((await t.call("GET", `/_fake/customers/${WA}/inbox`)).json.data).toHaveLength(1);
  });

  it("applies the 24-hour rule to a BSUID as well; templates by BSUID pass, authentication templates need a phone", async () => {
    const t = setup();
    expect((await t.send({ recipient: HIDDEN })).json.error.code).toBe(131047);
    const tpl = await t.send({ recipient: HIDDEN, type: "template", text: undefined, template: { name: "hello_world", language: { code: "en_US" } } });
    expect(tpl.status).toBe(200);
    expect(tpl.json.messages[0].message_status).toBe("accepted");
    await t.fake.idle();
    expect(t.statuses().find((s) => s.status === "sent")).toMatchObject({ recipient_user_id: HIDDEN, pricing: { billable: true, category: "utility", type: "regular" } });
    const auth = createFakeGraph({
      appSecret: SECRET,
      phoneNumberId: PHONE,
      webhookUrl: "http://app.test/hook",
      fetchImpl: async () => new Response("ok"),
      templates: [{ id: "1", name: "otp", language: "en_US", category: "AUTHENTICATION", parameterFormat: "POSITIONAL", status: "APPROVED", components: [{ type: "BODY", text: "Your code is {{1}}." }] }],
    });
    const otp = await auth.fetch(`https://graph.test/v25.0/${PHONE}/messages`, {
      method: "POST",
      headers: { Authorization: "Bearer x" },
      body: JSON.stringify({ messaging_product: "whatsapp", recipient: HIDDEN, type: "template", template: { name: "otp", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "123456" }] }] } }),
    });
    expect(otp.status).toBe(400);
    expect(((await otp.json()) as any).error.error_data.details).toMatch(/phone number/);
    auth.close();
  });
});

describe("fake Graph API 2026: what the customer can do", () => {
  it("edits its own text message: type edit with edit.original_message_id and the new message", async () => {
    const t = setup();
    const original = await t.customer(HIDDEN, { username: "marta_viaggia", text: "Volo AZ 123" });
    t.advance(60_000);
    const edited = await t.customer(HIDDEN, { type: "edit", edit: { original_message_id: original.json.id, text: "Volo AZ 1234" } });
    expect(edited.status).toBe(201);
    expect(t.value().messages[0]).toEqual({
      from_user_id: HIDDEN,
      id: edited.json.id,
      timestamp: expect.any(String),
      type: "edit",
      edit: { original_message_id: original.json.id, message: { type: "text", text: { body: "Volo AZ 1234" } } },
    });
    expect(edited.json.id).not.toBe(original.json.id);
  });

  it("refuses edits of someone else's message, of non-text messages, after 15 minutes, and without a text", async () => {
    const t = setup();
    const mine = await t.customer(WA, { text: "Ciao" });
    const pin = await t.customer(WA, { type: "location", location: { latitude: 45, longitude: 9 } });
    expect((await t.customer(HIDDEN, { type: "edit", edit: { original_message_id: mine.json.id, text: "hijack" } })).status).toBe(400);
    expect((await t.customer(WA, { type: "edit", edit: { original_message_id: pin.json.id, text: "x" } })).status).toBe(400);
    expect((await t.customer(WA, { type: "edit", edit: { original_message_id: mine.json.id } })).status).toBe(400);
    t.advance(15 * 60 * 1000 + 1);
    const late = await t.customer(WA, { type: "edit", edit: { original_message_id: mine.json.id, text: "Salve" } });
    expect(late.status).toBe(400);
    expect(late.json.error.message).toMatch(/15 minutes/);
    expect(t.posts).toHaveLength(2);
  });

  it("deletes its own message: type revoke, within 2 days; a delete does not reopen the window", async () => {
    const t = setup();
    const original = await t.customer(WA, { userId: BSUID, text: "Numero di carta 4111…" });
    t.advance(24 * 60 * 60 * 1000 + 1);
    const revoked = await t.customer(WA, { type: "revoke", revoke: { original_message_id: original.json.id } });
    expect(revoked.status).toBe(201);
    expect(t.value().messages[0]).toEqual({ from: WA, from_user_id: BSUID, id: revoked.json.id, timestamp: expect.any(String), type: "revoke", revoke: { original_message_id: original.json.id } });
    expect((await t.send({ to: WA })).json.error.code).toBe(131047);
    const other = await t.customer(WA, { text: "altro" });
    t.advance(2 * 24 * 60 * 60 * 1000 + 1);
    expect((await t.customer(WA, { type: "revoke", revoke: { original_message_id: other.json.id } })).status).toBe(400);
    expect((await t.customer(WA, { type: "revoke", revoke: {} })).status).toBe(400);
  });

  it("arrives from a click-to-WhatsApp ad: a referral on the message", async () => {
    const t = setup();
    await t.customer(HIDDEN, { username: "marta_viaggia", text: "Info sull'offerta", referral: true });
    const m = t.value().messages[0];
    expect(m.referral).toEqual({
      source_url: expect.stringMatching(/^https:\/\//),
      source_id: expect.any(String),
      source_type: "ad",
      headline: expect.any(String),
      body: expect.any(String),
      media_type: "image",
      image_url: expect.stringMatching(/^https:\/\//),
      ctwa_clid: expect.stringMatching(/^ARA/),
    });
    await t.customer(WA, { text: "x", referral: { headline: "Roma in treno", source_type: "post", ctwa_clid: "ARAkLkA8rmlFeiCktEJQ" } });
    expect(t.value().messages[0].referral).toMatchObject({ headline: "Roma in treno", source_type: "post", ctwa_clid: "ARAkLkA8rmlFeiCktEJQ" });
  });

  it("accepts a Flow the business sends (interactive type flow) and checks its parameters", async () => {
    const t = setup();
    await t.customer(WA, { text: "Vorrei cambiare data" });
    const flow = (parameters: Record<string, unknown>) => ({ type: "interactive", text: undefined, interactive: { type: "flow", body: { text: "Scegli la nuova data" }, action: { name: "flow", parameters } } });
    const ok = await t.send({ to: WA, ...flow({ flow_message_version: "3", flow_id: "1234567890", flow_cta: "Cambia data", flow_token: "rebook-1" }) });
    expect(ok.status).toBe(200);
    expect(t.fake.engine.inboxOf(WA)[0]).toMatchObject({ type: "interactive", content: { type: "flow", action: { parameters: { flow_cta: "Cambia data", flow_token: "rebook-1" } } } });
    expect((await t.send({ to: WA, ...flow({ flow_id: "1" }) })).json.error.code).toBe(131008);
    expect((await t.send({ to: WA, ...flow({ flow_cta: "Apri" }) })).json.error.code).toBe(131008);
    expect((await t.send({ to: WA, ...flow({ flow_id: "1", flow_cta: "x".repeat(31) }) })).json.error.code).toBe(100);
  });

  it("answers a Flow: interactive nfm_reply whose response_json is a JSON string", async () => {
    const t = setup();
    const answers = { flow_token: "booking-42", passengers: "2", seat: "window" };
    const res = await t.customer(WA, { type: "interactive", contextId: "wamid.FLOW", interactive: { nfm_reply: { response_json: answers } } });
    expect(res.status).toBe(201);
    const m = t.value().messages[0];
    expect(m).toMatchObject({ type: "interactive", context: { id: "wamid.FLOW" }, interactive: { type: "nfm_reply", nfm_reply: { name: "flow", body: "Sent", response_json: expect.any(String) } } });
    expect(JSON.parse(m.interactive.nfm_reply.response_json)).toEqual(answers);
    expect((await t.customer(WA, { type: "interactive", interactive: { nfm_reply: {} } })).status).toBe(400);
  });

  it("opens the chat (request_welcome, no body) and it opens the window; unsupported messages carry errors[]", async () => {
    const t = setup();
    const res = await t.customer(HIDDEN, { username: "marta_viaggia", type: "request_welcome" });
    expect(t.value().messages[0]).toEqual({ from_user_id: HIDDEN, id: res.json.id, timestamp: expect.any(String), type: "request_welcome" });
    expect((await t.send({ recipient: HIDDEN })).status).toBe(200);
    await t.customer(HIDDEN, { type: "unsupported", unsupported: { type: "poll_creation" } });
    expect(t.value().messages[0]).toMatchObject({ type: "unsupported", unsupported: { type: "poll_creation" }, errors: [{ code: 131051, title: "Message type unknown" }] });
  });

  it("changes identity: system messages for a new number (new BSUID), a new user id, and a new security code", async () => {
    const t = setup();
    await t.customer(WA, { profileName: "Giulia", userId: BSUID, text: "Ciao" });
    const moved = await t.call("POST", `/_fake/customers/${WA}/system`, { type: "customer_changed_number", newWaId: "393477654321" });
    expect(moved.status).toBe(201);
    const sys = t.value().messages[0];
    expect(sys).toMatchObject({ from: WA, from_user_id: BSUID, type: "system", system: { type: "customer_changed_number", wa_id: "393477654321", user_id: expect.stringMatching(/^IT\.\d{20}$/) } });
    expect(sys.system.user_id).not.toBe(BSUID);
    expect(moved.json.customer).toBe("393477654321");
    expect(t.fake.engine.customers.has(WA)).toBe(false);
    await t.customer("393477654321", { text: "Sono io, nuovo numero" });
    expect(t.value().messages[0]).toMatchObject({ from: "393477654321", from_user_id: sys.system.user_id });

    await t.customer(HIDDEN, { username: "marta_viaggia", text: "Ciao" });
    const renamed = await t.call("POST", `/_fake/customers/${HIDDEN}/system`, { type: "user_changed_user_id", newUserId: "IT.77310092846615502241" });
    expect(t.value().messages[0]).toMatchObject({ from_user_id: HIDDEN, type: "system", system: { type: "user_changed_user_id", user_id: "IT.77310092846615502241" } });
    expect(t.value().messages[0]).not.toHaveProperty("from");
    expect(renamed.json.customer).toBe("IT.77310092846615502241");

    await t.call("POST", `/_fake/customers/393477654321/system`, { type: "customer_identity_changed" });
    expect(t.value().messages[0].system).toMatchObject({ type: "customer_identity_changed", wa_id: "393477654321" });
    expect((await t.call("POST", `/_fake/customers/IT.77310092846615502241/system`, { type: "customer_changed_number", newWaId: "391234567" })).status).toBe(400);
    expect((await t.call("POST", `/_fake/customers/393400000000/system`, { type: "customer_identity_changed" })).status).toBe(400);
    expect((await t.call("POST", `/_fake/customers/393477654321/system`, { type: "nonsense" })).status).toBe(400);
  });

  it("the business writes from the WhatsApp Business app: an smb_message_echoes notification the customer's phone shows", async () => {
    const t = setup();
    const res = await t.call("POST", `/_fake/customers/${HIDDEN}/echoes`, { text: "Ti richiamiamo noi 🙂", profileName: "Marta" });
    expect(res.status).toBe(201);
    expect(t.posts[0]!.valid).toBe(true);
    expect(t.change().field).toBe("smb_message_echoes");
    expect(t.value()).toMatchObject({ messaging_product: "whatsapp", metadata: { phone_number_id: PHONE }, contacts: [{ profile: { name: "Marta" }, user_id: HIDDEN }] });
    expect(t.value().message_echoes).toEqual([{ from: "15550001234", to_user_id: HIDDEN, id: res.json.id, timestamp: expect.any(String), type: "text", text: { body: "Ti richiamiamo noi 🙂" } }]);
    expect(t.value()).not.toHaveProperty("messages");

    await t.call("POST", `/_fake/customers/${WA}/echoes`, { text: "Buongiorno" });
    expect(t.value().message_echoes[0]).toMatchObject({ from: "15550001234", to: WA, type: "text" });
    expect(t.value().message_echoes[0]).not.toHaveProperty("to_user_id");

    // The echo reaches the phone but opens no window and gets no status webhooks.
    expect((await t.call("GET", `/_fake/customers/${HIDDEN}/inbox`)).json.data[0]).toMatchObject({ echo: true, content: { body: "Ti richiamiamo noi 🙂" } });
    expect((await t.send({ recipient: HIDDEN })).json.error.code).toBe(131047);
    await t.fake.idle();
    expect(t.statuses()).toEqual([]);
    expect((await t.call("POST", `/_fake/customers/${WA}/echoes`, {})).status).toBe(400);
  });
});
