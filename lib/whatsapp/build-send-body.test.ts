import { describe, expect, it } from "vitest";
import { buildSendBody, BuildSendBodyError } from "./build-send-body";

const id = "5f0c3a52-8b6e-4f7e-9a51-1c2d3e4f5a6b";

describe("buildSendBody", () => {
  it("builds a text message with our id as biz_opaque_callback_data", () => {
    expect(buildSendBody({ id, kind: "text", text: "Ciao! Il volo è confermato.", payload: null }, { to: "393471234567" })).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "393471234567",
      type: "text",
      text: { body: "Ciao! Il volo è confermato.", preview_url: false },
      biz_opaque_callback_data: id,
    });
  });

  it("turns link previews on for texts with a URL and quotes with context.message_id", () => {
    const body = buildSendBody({ id, kind: "text", text: "Check in here: https://example.com/checkin", payload: null }, { to: "393471234567", quotedWamid: "wamid.ABC" });
    expect(body.text).toEqual({ body: "Check in here: https://example.com/checkin", preview_url: true });
    expect(body.context).toEqual({ message_id: "wamid.ABC" });
  });

  it("passes template, document and cta_url payloads through as the Cloud API objects", () => {
    const template = { name: "booking_confirmation", language: { code: "en_US" }, components: [{ type: "body", parameters: [{ type: "text", text: "Giulia" }] }] };
    expect(buildSendBody({ id, kind: "template", text: null, payload: { template } }, { to: "39347" })).toMatchObject({ type: "template", template });
    const document = { link: "https://example.com/pass.pdf", filename: "pass.pdf" };
    expect(buildSendBody({ id, kind: "document", text: null, payload: { document } }, { to: "39347" })).toMatchObject({ type: "document", document });
    const interactive = { type: "cta_url", body: { text: "Pay for your seat" }, action: { name: "cta_url", parameters: { display_text: "Pay now", url: "https://example.com/pay" } } };
    expect(buildSendBody({ id, kind: "interactive", text: null, payload: { interactive } }, { to: "39347" })).toMatchObject({ type: "interactive", interactive });
  });

  it("refuses what cannot become a valid request", () => {
    expect(() => buildSendBody({ id, kind: "text", text: "   ", payload: null }, { to: "1" })).toThrow(BuildSendBodyError);
    expect(() => buildSendBody({ id, kind: "template", text: null, payload: { template: { name: "x" } } }, { to: "1" })).toThrow(/language/);
    expect(() => buildSendBody({ id, kind: "sticker", text: null, payload: null }, { to: "1" })).toThrow(/cannot send "sticker"/);
    expect(() => buildSendBody({ id, kind: "event", text: "x", payload: null }, { to: "1" })).toThrow(BuildSendBodyError);
  });
});

describe("addressing a customer (2026: business-scoped user ids)", () => {
  const msg = { id: "0f8fad5b-d9cb-469f-a165-70867728950e", kind: "text", text: "Ciao", payload: null };
  it("sends to the phone when known, else to the BSUID as `recipient`; never neither", () => {
    expect(buildSendBody(msg, { to: "393471234567", recipient: "IT.1234567890" })).toMatchObject({ to: "393471234567" });
    expect(buildSendBody(msg, { to: "393471234567", recipient: "IT.1234567890" })).not.toHaveProperty("recipient");
    const byId = buildSendBody(msg, { to: null, recipient: "IT.1234567890" });
    expect(byId).toMatchObject({ recipient: "IT.1234567890" });
    expect(byId).not.toHaveProperty("to");
    expect(() => buildSendBody(msg, { to: null, recipient: null })).toThrow(/neither a phone number nor a WhatsApp user id/);
  });
});
