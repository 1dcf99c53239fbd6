// Turns what the business sent (the Graph API request body the fake stored) into what a phone shows.
import type { FakeTemplate, SentRecord } from "./fake-api";

export type Action =
  | { kind: "reply"; label: string; input: { type: "interactive"; interactive: Record<string, unknown> } | { type: "button"; button: { payload: string; text: string } } }
  | { kind: "link"; label: string; url: string }
  /** A WhatsApp Flow: the phone opens a form; its answers go back as an nfm_reply. */
  | { kind: "flow"; label: string; flowToken: string };

export type Attachment = { kind: "image" | "document" | "video" | "audio" | "sticker"; url: string | null; name: string };

/** The simulator's words for what a message lacks a text for (the `simulator` catalog namespace). */
export type PhoneWords = (
  key: "photo" | "document" | "video" | "voice" | "sticker" | "attachment" | "template" | "openLink" | "contact" | "contactCard" | "unsupported" | "fillInForm",
  values?: Record<string, string>,
) => string;

export type Rendered = {
  header: string | null;
  attachment: Attachment | null;
  body: string;
  footer: string | null;
  actions: Action[];
  /** A reaction to one of the customer's messages, shown on that message instead of as a bubble. */
  reaction?: { messageId: string; emoji: string };
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

const MEDIA_KINDS = new Set(["image", "document", "video", "audio", "sticker"]);
const MEDIA_WORDS = { image: "photo", document: "document", video: "video", audio: "voice", sticker: "sticker" } as const;

function mediaName(kind: string, t: PhoneWords): string {
  return kind in MEDIA_WORDS ? t(MEDIA_WORDS[kind as keyof typeof MEDIA_WORDS]) : t("attachment");
}

function paramText(p: Obj): string {
  return str(p.text) ?? str(obj(p.currency).fallback_value) ?? str(obj(p.date_time).fallback_value) ?? str(p.payload) ?? "";
}

function fill(text: string, params: Obj[]): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => {
    const byName = params.find((p) => p.parameter_name === key);
    const p = byName ?? (/^\d+$/.test(key) ? params[Number(key) - 1] : undefined);
    return p ? paramText(p) : whole;
  });
}

function mediaAttachment(kind: string, m: Obj, t: PhoneWords): Attachment {
  return { kind: kind as Attachment["kind"], url: str(m.link), name: str(m.filename) ?? mediaName(kind, t) };
}

function renderTemplate(c: Obj, templates: FakeTemplate[], t: PhoneWords): Rendered {
  const name = str(c.name) ?? "template";
  const lang = str(obj(c.language).code) ?? "";
  const tpl = templates.find((x) => x.name === name && x.language === lang) ?? templates.find((x) => x.name === name);
  const components = arr(c.components);
  const part = (type: string) => components.find((x) => String(x.type).toLowerCase() === type);
  const headerParams = arr(part("header")?.parameters);
  const bodyParams = arr(part("body")?.parameters);
  let attachment: Attachment | null = null;
  const mediaParam = headerParams.find((p) => MEDIA_KINDS.has(String(p.type)));
  if (mediaParam) attachment = mediaAttachment(String(mediaParam.type), obj(mediaParam[String(mediaParam.type)]), t);
  else if (tpl?.header && tpl.header.format !== "TEXT") attachment = { kind: tpl.header.format === "IMAGE" ? "image" : "document", url: null, name: mediaName(tpl.header.format.toLowerCase(), t) };

  const actions: Action[] = (tpl?.buttons ?? []).map((b, index) => {
    const btn = components.find((x) => String(x.type).toLowerCase() === "button" && Number(x.index ?? 0) === index);
    const params = arr(btn?.parameters);
    if (b.type === "URL" && b.url) return { kind: "link", label: b.text, url: fill(b.url, params) };
    const payload = params.map((p) => str(p.payload)).find(Boolean) ?? b.text;
    return { kind: "reply", label: b.text, input: { type: "button", button: { payload, text: b.text } } };
  });

  return {
    header: tpl?.header?.format === "TEXT" && tpl.header.text ? fill(tpl.header.text, headerParams) : null,
    attachment,
    body: tpl ? fill(tpl.body, bodyParams) : t("template", { name }),
    footer: tpl?.footer ?? null,
    actions,
  };
}

function renderInteractive(c: Obj, t: PhoneWords): Rendered {
  const header = obj(c.header);
  const action = obj(c.action);
  const base: Rendered = {
    header: str(header.text),
    attachment: MEDIA_KINDS.has(String(header.type)) ? mediaAttachment(String(header.type), obj(header[String(header.type)]), t) : null,
    body: str(obj(c.body).text) ?? "",
    footer: str(obj(c.footer).text),
    actions: [],
  };
  if (c.type === "cta_url") {
    const p = obj(action.parameters);
    const url = str(p.url);
    if (url) base.actions = [{ kind: "link", label: str(p.display_text) ?? t("openLink"), url }];
  } else if (c.type === "button") {
    base.actions = arr(action.buttons).map((b) => {
      const reply = obj(b.reply);
      const id = str(reply.id) ?? "";
      const title = str(reply.title) ?? id;
      return { kind: "reply", label: title, input: { type: "interactive", interactive: { button_reply: { id, title } } } };
    });
  } else if (c.type === "flow") {
    const p = obj(action.parameters);
    base.actions = [{ kind: "flow", label: str(p.flow_cta) ?? t("fillInForm"), flowToken: str(p.flow_token) ?? "" }];
  } else if (c.type === "list") {
    base.actions = arr(action.sections).flatMap((s) =>
      arr(s.rows).map((r): Action => {
        const id = str(r.id) ?? "";
        const title = str(r.title) ?? id;
        const description = str(r.description);
        return { kind: "reply", label: title, input: { type: "interactive", interactive: { list_reply: { id, title, ...(description ? { description } : {}) } } } };
      }),
    );
  }
  return base;
}

export function renderBusinessMessage(rec: SentRecord, templates: FakeTemplate[], t: PhoneWords): Rendered {
  const c = obj(rec.content);
  const plain = (body: string): Rendered => ({ header: null, attachment: null, body, footer: null, actions: [] });
  switch (rec.type) {
    case "text":
      return plain(str(c.body) ?? "");
    case "template":
      return renderTemplate(c, templates, t);
    case "interactive":
      return renderInteractive(c, t);
    case "reaction":
      return { ...plain(""), reaction: { messageId: str(c.message_id) ?? "", emoji: str(c.emoji) ?? "" } };
    case "location": {
      const place = [str(c.name), str(c.address)].filter(Boolean).join(" · ");
      return plain(`📍 ${place || `${String(c.latitude)}, ${String(c.longitude)}`}`);
    }
    case "contacts":
      return plain(`👤 ${arr(c.contacts).map((x) => str(obj(x.name).formatted_name) ?? t("contact")).join(", ") || t("contactCard")}`);
    default:
      if (MEDIA_KINDS.has(rec.type)) return { ...plain(str(c.caption) ?? ""), attachment: mediaAttachment(rec.type, c, t) };
      return plain(t("unsupported", { type: rec.type }));
  }
}
