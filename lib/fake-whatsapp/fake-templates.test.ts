/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are inspected loosely here */
import { describe, expect, it } from "vitest";
import { buildTemplateSend, type TemplateValues } from "@/lib/templates/model";
import { SEED_TEMPLATES } from "@/lib/templates/seed-templates";
import { verifySignature } from "@/lib/whatsapp/signature";
import { createFakeGraph } from "@/lib/fake-whatsapp/index";
import { FAKE_WABA_ID } from "@/lib/fake-whatsapp/notifications";

// The fake's template account, as the app and the tests meet it: Meta's list (paged), submissions
// reviewed like Meta (with the decision posted as a signed webhook), and sends checked against the
// store with Meta's error codes.

const SECRET = "fake-templates-secret";
const PHONE = "106540352242922";
const GRAPH = "https://graph.test";
const WA = "393471234567";

function setup() {
  const posts: any[] = [];
  const fake = createFakeGraph({
    appSecret: SECRET,
    phoneNumberId: PHONE,
    webhookUrl: "http://app.test/hook",
    templateReviewMs: 0,
    statusDelays: { sent: 0, delivered: 0 },
    fetchImpl: async (_url, init) => {
      const body = String(init.body);
      expect(verifySignature(Buffer.from(body), new Headers(init.headers).get("x-hub-signature-256"), SECRET)).toBe(true);
      posts.push(JSON.parse(body));
      return new Response("ok");
    },
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fake.fetch(path.startsWith("http") ? path : `${GRAPH}${path}`, { method, headers: { Authorization: "Bearer t", "Content-Type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, json: (await res.json()) as any };
  };
  const send = (template: unknown) => call("POST", `/v23.0/${PHONE}/messages`, { messaging_product: "whatsapp", to: WA, type: "template", template });
  const templateChanges = () => posts.flatMap((p) => p.entry).filter((e: any) => e.changes[0].field !== "messages");
  return { fake, call, send, posts, templateChanges };
}

const seeded = (name: string, language = "en_US") => SEED_TEMPLATES.find((t) => t.name === name && t.language === language)!;
const text = (s: string) => ({ type: "text" as const, text: s });

describe("fake Graph API: the template account", () => {
  it("lists like Meta: pages of `limit` with a `paging.next` cursor link until the last page", async () => {
    const t = setup();
    const first = await t.call("GET", `/v23.0/${FAKE_WABA_ID}/message_templates?fields=name,status&limit=10`);
    expect(first.json.data).toHaveLength(10);
    expect(first.json.data[0]).toMatchObject({ name: "hello_world", language: "en_US", status: "APPROVED", category: "UTILITY", quality_score: { score: "GREEN" }, rejected_reason: "NONE", id: "1689556908129800" });
    const second = await t.call("GET", first.json.paging.next);
    expect(second.json.data).toHaveLength(SEED_TEMPLATES.length - 10);
    expect(second.json.paging.next).toBeUndefined();
    expect((await t.call("GET", "/v23.0/42/message_templates")).json.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it("reviews a submission: valid → PENDING then APPROVED by a signed webhook; a rule-breaker → REJECTED (INVALID_FORMAT)", async () => {
    const t = setup();
    const ok = await t.call("POST", `/v23.0/${FAKE_WABA_ID}/message_templates`, { name: "gate_change", language: "it", category: "UTILITY", parameter_format: "NAMED", components: [{ type: "BODY", text: "Ciao {{first_name}}, il gate è cambiato.", example: { body_text_named_params: [{ param_name: "first_name", example: "Giulia" }] } }] });
    expect(ok.json).toEqual({ id: expect.stringMatching(/^\d+$/), status: "PENDING", category: "UTILITY" });
    const bad = await t.call("POST", `/v23.0/${FAKE_WABA_ID}/message_templates`, { name: "bad_footer", language: "it", category: "UTILITY", components: [{ type: "BODY", text: "Ciao." }, { type: "FOOTER", text: "Rif {{1}}" }] });
    expect(bad.json.status).toBe("PENDING");
    await t.fake.idle();
    const decisions = t.templateChanges().map((e: any) => ({ id: e.id, field: e.changes[0].field, ...e.changes[0].value }));
    expect(decisions).toEqual([
      expect.objectContaining({ id: FAKE_WABA_ID, field: "message_template_status_update", event: "APPROVED", message_template_id: Number(ok.json.id), message_template_name: "gate_change", message_template_language: "it", reason: "NONE" }),
      expect.objectContaining({ event: "REJECTED", message_template_name: "bad_footer", reason: "INVALID_FORMAT" }),
    ]);
    expect(t.templateChanges()[0].time).toEqual(expect.any(Number));
    const dup = await t.call("POST", `/v23.0/${FAKE_WABA_ID}/message_templates`, { name: "gate_change", language: "it", category: "UTILITY", components: [{ type: "BODY", text: "x" }] });
    expect(dup.json.error).toMatchObject({ code: 100, error_subcode: 2388024 });
    // Approved: now it can be sent (with its named parameter).
    expect((await t.send({ name: "gate_change", language: { code: "it" }, components: [{ type: "body", parameters: [{ type: "text", parameter_name: "first_name", text: "Giulia" }] }] })).status).toBe(200);
  });

  it("checks sends against the store: named parameters, a document header, URL button suffixes, currency and date_time", async () => {
    const t = setup();
    const pass = seeded("boarding_pass");
    const values: TemplateValues = {
      "header:document": { type: "media", link: "https://sportello.test/p/abc.pdf", filename: "boarding-pass-AZ1284.pdf" },
      "body:first_name": text("Giulia"), "body:flight": text("AZ 1284"), "body:origin": text("FCO"), "body:destination": text("LIN"),
      "body:departure_date": { type: "date_time", fallback: "24 Nov" }, "body:seat": text("12A"), "body:gate": text("B14"), "body:boarding_time": text("07:05"),
    };
    const ok = buildTemplateSend(pass, values);
    expect((await t.send(ok)).status).toBe(200);
    const without = (id: string) => buildTemplateSend(pass, { ...values, [id]: { type: "media", filename: "x.pdf" } });
    expect((await t.send(without("header:document"))).json.error.code).toBe(131008);
    const asImage = structuredClone(ok) as any;
    asImage.components[0].parameters[0] = { type: "image", image: { link: "https://sportello.test/p.png" } };
    expect((await t.send(asImage)).json.error.code).toBe(132012);
    const noHeader = { ...ok, components: ok.components!.slice(1) };
    expect((await t.send(noHeader)).json.error.code).toBe(132000);
    const renamed = structuredClone(ok) as any;
    renamed.components[1].parameters[0].parameter_name = "name";
    expect((await t.send(renamed)).json.error).toMatchObject({ code: 132000, error_data: { details: expect.stringContaining("first_name") } });
    const badDate = structuredClone(ok) as any;
    badDate.components[1].parameters.find((p: any) => p.type === "date_time").date_time = {};
    expect((await t.send(badDate)).json.error.code).toBe(131009);

    const pay = seeded("payment_request");
    const payValues: TemplateValues = {
      "body:first_name": text("Giulia"), "body:pnr": text("X7K2QM"), "body:due_date": text("26 Nov"),
      "body:amount": { type: "currency", code: "EUR", amount1000: 89_000, fallback: "€ 89.00" }, "button:0:1": text("7f3c9a1e5b"),
    };
    const payment = buildTemplateSend(pay, payValues);
    expect((await t.send(payment)).status).toBe(200);
    expect((await t.send({ ...payment, components: payment.components!.filter((c) => c.type !== "button") })).json.error).toMatchObject({ code: 132000, error_data: { details: expect.stringContaining("button 0") } });
    const badMoney = buildTemplateSend(pay, { ...payValues, "body:amount": { type: "currency", code: "euro", amount1000: 1.5, fallback: "€" } });
    expect((await t.send(badMoney)).json.error.code).toBe(131009);
  });

  it("quick replies carry a payload: the rating request in both languages, with one payload per button", async () => {
    const t = setup();
    for (const language of ["en_US", "it"]) {
      const rating = seeded("rating_request", language);
      const ok = buildTemplateSend(rating, { "body:first_name": text("Marta") }, { quickReplyPayloads: { 0: "csat:c1:5", 1: "csat:c1:3", 2: "csat:c1:1" } });
      expect(ok.components).toEqual([
        { type: "body", parameters: [{ type: "text", parameter_name: "first_name", text: "Marta" }] },
        { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "csat:c1:5" }] },
        { type: "button", sub_type: "quick_reply", index: "1", parameters: [{ type: "payload", payload: "csat:c1:3" }] },
        { type: "button", sub_type: "quick_reply", index: "2", parameters: [{ type: "payload", payload: "csat:c1:1" }] },
      ]);
      expect((await t.send(ok)).status).toBe(200);
      const asText = structuredClone(ok) as any;
      asText.components[1].parameters[0] = { type: "text", text: "5" };
      expect((await t.send(asText)).json.error.code).toBe(132012);
      const empty = structuredClone(ok) as any;
      empty.components[2].parameters = [];
      expect((await t.send(empty)).json.error.code).toBe(132000);
      const fourth = structuredClone(ok) as any;
      fourth.components.push({ type: "button", sub_type: "quick_reply", index: "3", parameters: [{ type: "payload", payload: "x" }] });
      expect((await t.send(fourth)).json.error.code).toBe(132000);
    }
    // Without payloads the taps come back with the button text: still a valid send.
    expect((await t.send(buildTemplateSend(seeded("rating_request"), { "body:first_name": text("Marta") }))).status).toBe(200);
  });

  it("paused → 132015, disabled → 132016, pending or rejected → 132001; a quality or category change is a webhook", async () => {
    const t = setup();
    const hello = { name: "hello_world", language: { code: "en_US" } };
    t.fake.templates.change("hello_world:en_US", { event: "PAUSED", reason: "LOW_QUALITY" });
    expect((await t.send(hello)).json.error.code).toBe(132015);
    t.fake.templates.change("hello_world:en_US", { event: "DISABLED" });
    expect((await t.send(hello)).json.error.code).toBe(132016);
    t.fake.templates.change("hello_world:en_US", { event: "REINSTATED" });
    expect((await t.send(hello)).status).toBe(200);
    t.fake.templates.change("hello_world:en_US", { quality: "YELLOW", category: "MARKETING" });
    await t.fake.idle();
    const fields = t.templateChanges().map((e: any) => e.changes[0].field);
    expect(fields).toEqual(["message_template_status_update", "message_template_status_update", "message_template_status_update", "message_template_quality_update", "template_category_update"]);
    expect(t.templateChanges().at(-1).changes[0].value).toMatchObject({ previous_category: "UTILITY", new_category: "MARKETING" });
    // The simulator's list shows the flat parts the phone renders.
    const listed = (await t.call("GET", "/_fake/templates")).json.data.find((x: any) => x.name === "checkin_open" && x.language === "it");
    expect(listed).toMatchObject({ header: { format: "TEXT", text: "Il check-in è aperto" }, body: expect.stringContaining("{{first_name}}"), buttons: [{ type: "URL", text: "Fai il check-in", url: expect.stringMatching(/\{\{1\}\}$/) }] });
  });
});
