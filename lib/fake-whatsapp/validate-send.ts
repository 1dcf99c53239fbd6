// Request validation of POST /{version}/{phone-number-id}/messages, answering with the codes Meta
// uses. Pure: the 24-hour rule and faults are applied by the caller, which knows the customers.
import { checkTemplate, type StoredTemplate } from "@/lib/fake-whatsapp/templates";

export type GraphFailure = { httpStatus: number; code: number; title: string; details: string; subcode?: number };

export type ValidSend =
  | { action: "read"; messageId: string; typing: boolean }
  | { action: "send"; to: string | null; recipient: string | null; type: string; content: Record<string, unknown>; bizOpaque: string | null; contextId: string | null };

const SEND_FIELDS = new Set(["messaging_product", "recipient_type", "to", "recipient", "type", "context", "biz_opaque_callback_data", "text", "template", "image", "video", "audio", "document", "sticker", "location", "contacts", "interactive", "reaction"]);
const READ_FIELDS = new Set(["messaging_product", "status", "message_id", "typing_indicator"]);
export const SEND_TYPES = ["text", "template", "image", "video", "audio", "document", "sticker", "location", "contacts", "interactive", "reaction"];

/** A business-scoped user id: `<country>.<up to 128 alphanumerics>`, a parent id `<country>.ENT.<…>`. */
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
export const isBsuid = (s: string) => BSUID.test(s);

export const MAX_TEXT_BODY = 4096;
const MAX_BIZ_OPAQUE = 512;

const invalid = (details: string, title = "Invalid parameter"): GraphFailure => ({ httpStatus: 400, code: 100, title, details });
const missing = (details: string): GraphFailure => ({ httpStatus: 400, code: 131008, title: "Required parameter is missing", details });
const badValue = (details: string): GraphFailure => ({ httpStatus: 400, code: 131009, title: "Parameter value is not valid", details });

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

export function validateSend(raw: unknown, templates: readonly StoredTemplate[]): ValidSend | GraphFailure {
  if (!isObject(raw)) return invalid("Request body must be a JSON object");
  if (raw.messaging_product !== "whatsapp") return invalid("The parameter messaging_product is required and must be \"whatsapp\".", "The parameter messaging_product is required.");

  if (raw.status !== undefined) {
    for (const key of Object.keys(raw)) if (!READ_FIELDS.has(key)) return invalid(`Unexpected key "${key}" on param "<root>".`);
    if (raw.status !== "read") return invalid("Param status must be \"read\".");
    if (typeof raw.message_id !== "string" || !raw.message_id) return missing("message_id is required");
    if (raw.typing_indicator !== undefined) {
      if (!isObject(raw.typing_indicator) || raw.typing_indicator.type !== "text") return invalid("Param typing_indicator.type must be \"text\".");
    }
    return { action: "read", messageId: raw.message_id, typing: raw.typing_indicator !== undefined };
  }

  for (const key of Object.keys(raw)) if (!SEND_FIELDS.has(key)) return invalid(`Unexpected key "${key}" on param "<root>".`);
  if (raw.recipient_type !== undefined && raw.recipient_type !== "individual" && raw.recipient_type !== "business_scoped_user_id") {
    return invalid("Param recipient_type must be \"individual\".");
  }
  // A phone number (`to`) or, since May 2026, a BSUID (`recipient`); when both are given `to` wins.
  if (raw.to !== undefined && typeof raw.to !== "string") return invalid("Param to must be a string.");
  if (raw.recipient !== undefined && typeof raw.recipient !== "string") return invalid("Param recipient must be a string.");
  const to = typeof raw.to === "string" ? raw.to.trim().replace(/^\+/, "") : "";
  const recipient = !to && typeof raw.recipient === "string" ? raw.recipient.trim() : "";
  if (!to && !recipient) return missing("The parameter to or recipient is required.");
  if (to && !/^\d{6,15}$/.test(to)) return badValue(`"${String(raw.to).slice(0, 40)}" is not a valid phone number`);
  if (recipient && !isBsuid(recipient)) return badValue(`"${recipient.slice(0, 40)}" is not a valid business-scoped user id`);
  const type = raw.type === undefined ? "text" : raw.type;
  if (typeof type !== "string" || !SEND_TYPES.includes(type)) return invalid(`Param type must be one of {${SEND_TYPES.join(", ").toUpperCase()}}.`);
  const content = raw[type];
  if (!isObject(content)) return missing(`Parameter ${type} is required for type ${type}`);
  for (const key of Object.keys(raw)) {
    if (SEND_TYPES.includes(key) && key !== type) return invalid(`Param ${key} is not allowed with type ${type}.`);
  }
  let bizOpaque: string | null = null;
  if (raw.biz_opaque_callback_data !== undefined) {
    if (typeof raw.biz_opaque_callback_data !== "string" || raw.biz_opaque_callback_data.length > MAX_BIZ_OPAQUE) return invalid(`Param biz_opaque_callback_data must be a string of at most ${MAX_BIZ_OPAQUE} characters.`);
    bizOpaque = raw.biz_opaque_callback_data;
  }
  let contextId: string | null = null;
  if (raw.context !== undefined) {
    if (!isObject(raw.context) || typeof raw.context.message_id !== "string") return invalid("Param context must be {\"message_id\": \"wamid…\"}.");
    contextId = raw.context.message_id;
  }

  const problem = validateContent(type, content, templates);
  if (problem) return problem;
  if (!to && type === "template" && templates.find((t) => t.name === content.name)?.category === "AUTHENTICATION") {
    return badValue("Authentication templates must be sent to a phone number (`to`), not a business-scoped user id.");
  }
  return { action: "send", to: to || null, recipient: recipient || null, type, content, bizOpaque, contextId };
}

function validateContent(type: string, c: Record<string, unknown>, templates: readonly StoredTemplate[]): GraphFailure | null {
  switch (type) {
    case "text": {
      for (const key of Object.keys(c)) if (key !== "body" && key !== "preview_url") return invalid(`Unexpected key "${key}" on param "text".`);
      if (typeof c.body !== "string" || !c.body) return missing("text['body'] is required");
      if (c.body.length > MAX_TEXT_BODY) return invalid(`Param text['body'] must be at most ${MAX_TEXT_BODY} characters long.`);
      if (c.preview_url !== undefined && typeof c.preview_url !== "boolean") return invalid("Param text['preview_url'] must be a boolean.");
      return null;
    }
    case "template": {
      const check = checkTemplate(templates, c);
      return check.ok ? null : { httpStatus: 400, code: check.code, title: check.title, details: check.details };
    }
    case "image":
    case "video":
    case "audio":
    case "sticker":
    case "document":
      if (typeof c.link !== "string" && typeof c.id !== "string") return missing(`${type}['link'] or ${type}['id'] is required`);
      if (typeof c.link === "string" && !/^https?:\/\//i.test(c.link)) return badValue(`${type}['link'] must be an http(s) URL`);
      return null;
    case "interactive":
      return validateInteractive(c);
    case "reaction":
      if (typeof c.message_id !== "string") return missing("reaction['message_id'] is required");
      return typeof c.emoji === "string" ? null : missing("reaction['emoji'] is required");
    case "location":
      return typeof c.latitude === "number" && typeof c.longitude === "number" ? null : missing("location['latitude'] and ['longitude'] are required");
    default:
      return null;
  }
}

function validateInteractive(c: Record<string, unknown>): GraphFailure | null {
  const body = isObject(c.body) ? c.body : null;
  if (!body || typeof body.text !== "string" || !body.text) return missing("interactive['body']['text'] is required");
  if (body.text.length > 1024) return invalid("Param interactive['body']['text'] must be at most 1024 characters long.");
  const footer = isObject(c.footer) ? c.footer : null;
  if (footer && typeof footer.text === "string" && footer.text.length > 60) return invalid("Param interactive['footer']['text'] must be at most 60 characters long.");
  const action = isObject(c.action) ? c.action : null;
  if (!action) return missing("interactive['action'] is required");
  if (c.type === "cta_url") {
    const p = isObject(action.parameters) ? action.parameters : null;
    if (action.name !== "cta_url" || !p || typeof p.display_text !== "string" || typeof p.url !== "string") return missing("interactive['action'] needs name cta_url and parameters {display_text, url}");
    if (!/^https?:\/\//i.test(p.url)) return badValue("interactive['action']['parameters']['url'] must be an http(s) URL");
    if (p.display_text.length > 20) return invalid("Param display_text must be at most 20 characters long.");
    return null;
  }
  if (c.type === "button") {
    const buttons = Array.isArray(action.buttons) ? (action.buttons as Record<string, unknown>[]) : [];
    if (buttons.length < 1 || buttons.length > 3) return invalid("interactive['action']['buttons'] must have 1 to 3 buttons.");
    for (const b of buttons) {
      const reply = isObject(b?.reply) ? b.reply : null;
      if (!reply || typeof reply.id !== "string" || typeof reply.title !== "string") return missing("each button needs reply {id, title}");
      if (reply.title.length > 20) return invalid("Param button title must be at most 20 characters long.");
      if (reply.id.length > 256) return invalid("Param button id must be at most 256 characters long.");
    }
    return null;
  }
  if (c.type === "list") return Array.isArray(action.sections) ? null : missing("interactive['action']['sections'] is required");
  if (c.type === "flow") {
    const p = isObject(action.parameters) ? action.parameters : null;
    if (action.name !== "flow" || !p) return missing("interactive['action'] needs name flow and parameters");
    if (typeof p.flow_cta !== "string" || !p.flow_cta) return missing("interactive['action']['parameters']['flow_cta'] is required");
    if (p.flow_cta.length > 30) return invalid("Param flow_cta must be at most 30 characters long.");
    if (typeof p.flow_id !== "string" && typeof p.flow_name !== "string") return missing("interactive['action']['parameters'] needs flow_id or flow_name");
    return null;
  }
  return invalid("Param interactive['type'] must be one of {BUTTON, LIST, CTA_URL, PRODUCT, PRODUCT_LIST, FLOW}.");
}
