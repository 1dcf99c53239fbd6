import { z } from "zod";

// A WhatsApp message template as Meta stores it (components with their examples), its parameters,
// and how values for them become the Cloud API's send components and the text the customer reads.
// Pure and client-safe: the manager, the composer's form and preview, the server's send path and
// the fake all use this one model.

export const TEMPLATE_CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;
export const TEMPLATE_STATUSES = ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED"] as const;
export const PARAMETER_FORMATS = ["POSITIONAL", "NAMED"] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];
export type ParameterFormat = (typeof PARAMETER_FORMATS)[number];

const namedExample = z.object({ param_name: z.string(), example: z.string() });

export const headerComponentSchema = z.object({
  type: z.literal("HEADER"),
  format: z.enum(["TEXT", "IMAGE", "VIDEO", "DOCUMENT", "LOCATION"]),
  text: z.string().optional(),
  example: z
    .object({ header_text: z.array(z.string()).optional(), header_text_named_params: z.array(namedExample).optional(), header_handle: z.array(z.string()).optional() })
    .optional(),
});
export const bodyComponentSchema = z.object({
  type: z.literal("BODY"),
  text: z.string(),
  example: z.object({ body_text: z.array(z.array(z.string())).optional(), body_text_named_params: z.array(namedExample).optional() }).optional(),
});
export const footerComponentSchema = z.object({ type: z.literal("FOOTER"), text: z.string() });
export const templateButtonSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("QUICK_REPLY"), text: z.string() }),
  // `url` may end in `{{1}}`: a suffix the send fills (a PNR, a payment token).
  z.object({ type: z.literal("URL"), text: z.string(), url: z.string(), example: z.array(z.string()).optional() }),
  z.object({ type: z.literal("PHONE_NUMBER"), text: z.string(), phone_number: z.string() }),
]);
export const buttonsComponentSchema = z.object({ type: z.literal("BUTTONS"), buttons: z.array(templateButtonSchema) });
export const templateComponentSchema = z.discriminatedUnion("type", [headerComponentSchema, bodyComponentSchema, footerComponentSchema, buttonsComponentSchema]);

export type HeaderComponent = z.infer<typeof headerComponentSchema>;
export type BodyComponent = z.infer<typeof bodyComponentSchema>;
export type FooterComponent = z.infer<typeof footerComponentSchema>;
export type TemplateButton = z.infer<typeof templateButtonSchema>;
export type ButtonsComponent = z.infer<typeof buttonsComponentSchema>;
export type TemplateComponent = z.infer<typeof templateComponentSchema>;

/** What a template is, independent of where it is stored. */
export type TemplateDefinition = {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  components: TemplateComponent[];
};

/** A template as the API returns it. */
export type TemplateView = TemplateDefinition & {
  id: string;
  wabaId: string;
  metaId: string | null;
  status: string;
  qualityScore: string | null;
  rejectionReason: string | null;
  teamIds: string[];
  updatedAt: string;
};

export const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The placeholders of a text, first occurrence order, each once. */
export function placeholdersOf(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * One value a send must supply. `id` is stable and unique in the template: `header:<key>`,
 * `body:<key>`, `button:<index>:<key>` (key = `1`, `2`… or the parameter's name), and
 * `header:document` / `header:image` / `header:video` for a media header.
 */
export type TemplateParam = {
  id: string;
  component: "header" | "body" | "button";
  key: string;
  /** For buttons: the button's index among the template's buttons. */
  buttonIndex?: number;
  /** For media headers: the media kind the send must attach. */
  media?: "image" | "video" | "document";
  example?: string;
};

export function componentOf<T extends TemplateComponent["type"]>(components: TemplateComponent[], type: T): Extract<TemplateComponent, { type: T }> | undefined {
  return components.find((c) => c.type === type) as Extract<TemplateComponent, { type: T }> | undefined;
}

/** Every parameter of a template, in the order a form shows them: header, body, buttons. */
export function templateParams(t: Pick<TemplateDefinition, "components">): TemplateParam[] {
  const out: TemplateParam[] = [];
  const header = componentOf(t.components, "HEADER");
  if (header) {
    if (header.format === "TEXT") {
      placeholdersOf(header.text).forEach((key, i) =>
        out.push({ id: `header:${key}`, component: "header", key, example: header.example?.header_text?.[i] ?? header.example?.header_text_named_params?.find((p) => p.param_name === key)?.example }),
      );
    } else if (header.format !== "LOCATION") {
      const media = header.format.toLowerCase() as "image" | "video" | "document";
      out.push({ id: `header:${media}`, component: "header", key: media, media });
    }
  }
  const body = componentOf(t.components, "BODY");
  placeholdersOf(body?.text).forEach((key, i) =>
    out.push({ id: `body:${key}`, component: "body", key, example: body?.example?.body_text?.[0]?.[i] ?? body?.example?.body_text_named_params?.find((p) => p.param_name === key)?.example }),
  );
  componentOf(t.components, "BUTTONS")?.buttons.forEach((b, buttonIndex) => {
    if (b.type !== "URL") return;
    placeholdersOf(b.url).forEach((key) => out.push({ id: `button:${buttonIndex}:${key}`, component: "button", key, buttonIndex, example: b.example?.[0] }));
  });
  return out;
}

/**
 * A value for one parameter. Text is what most are; currency and date-time are typed so the
 * customer's WhatsApp shows them localised, with our formatting as the fallback; a media header
 * names the file (a link the Cloud API fetches, or an uploaded media id) and, for documents, the
 * filename WhatsApp shows (without one it shows "Untitled").
 */
export type ParamValue =
  | { type: "text"; text: string }
  | { type: "currency"; code: string; amount1000: number; fallback: string }
  | { type: "date_time"; fallback: string }
  | { type: "media"; link?: string; mediaId?: string; filename?: string };

export type TemplateValues = Record<string, ParamValue>;

/** The ids of parameters without a usable value: a send is refused naming them. */
export function missingParams(t: Pick<TemplateDefinition, "components">, values: TemplateValues): TemplateParam[] {
  return templateParams(t).filter((p) => {
    const v = values[p.id];
    if (!v) return true;
    if (v.type === "text") return v.text.trim() === "";
    if (v.type === "media") return !v.link && !v.mediaId;
    return v.fallback.trim() === "";
  });
}

function textOf(v: ParamValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.type === "text") return v.text;
  if (v.type === "media") return undefined;
  return v.fallback;
}

/** A text with its placeholders replaced by values (left as `{{key}}` when missing). */
export function fillText(text: string, component: "header" | "body", values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => textOf(values[`${component}:${key}`]) ?? whole);
}

/** The message as the customer reads it, for the thread, the preview and the inbox list. */
export type RenderedTemplate = {
  header: { format: HeaderComponent["format"]; text?: string; filename?: string } | null;
  body: string;
  footer: string | null;
  buttons: { type: TemplateButton["type"]; text: string; url?: string }[];
};

export function renderTemplate(t: Pick<TemplateDefinition, "components">, values: TemplateValues): RenderedTemplate {
  const header = componentOf(t.components, "HEADER");
  const body = componentOf(t.components, "BODY");
  const footer = componentOf(t.components, "FOOTER");
  const media = header && header.format !== "TEXT" && header.format !== "LOCATION" ? values[`header:${header.format.toLowerCase()}`] : undefined;
  return {
    header: header
      ? { format: header.format, text: header.text ? fillText(header.text, "header", values) : undefined, filename: media?.type === "media" ? media.filename : undefined }
      : null,
    body: fillText(body?.text ?? "", "body", values),
    footer: footer?.text ?? null,
    buttons: (componentOf(t.components, "BUTTONS")?.buttons ?? []).map((b, i) => ({
      type: b.type,
      text: b.text,
      url: b.type === "URL" ? b.url.replace(PLACEHOLDER, (whole, key: string) => textOf(values[`button:${i}:${key}`]) ?? whole) : undefined,
    })),
  };
}

function sendParameter(p: TemplateParam, v: ParamValue, named: boolean): Record<string, unknown> {
  const name = named && p.component !== "button" ? { parameter_name: p.key } : {};
  switch (v.type) {
    case "text":
      return { type: "text", ...name, text: v.text };
    case "currency":
      return { type: "currency", ...name, currency: { fallback_value: v.fallback, code: v.code, amount_1000: v.amount1000 } };
    case "date_time":
      return { type: "date_time", ...name, date_time: { fallback_value: v.fallback } };
    case "media": {
      const kind = p.media ?? "document";
      const object: Record<string, unknown> = v.mediaId ? { id: v.mediaId } : { link: v.link };
      if (kind === "document" && v.filename) object.filename = v.filename;
      return { type: kind, [kind]: object };
    }
  }
}

/**
 * The Cloud API `template` object for a send: `{ name, language: { code }, components }` with the
 * header, body and button parameters in the template's order. Call after `missingParams` is empty.
 * `quickReplyPayloads` (by button index) gives quick-reply buttons the payload WhatsApp returns
 * when the customer taps one (`button.payload` of the inbound message); without one, the tap
 * comes back with the button's text.
 */
export function buildTemplateSend(
  t: TemplateDefinition,
  values: TemplateValues,
  { quickReplyPayloads = {} }: { quickReplyPayloads?: Record<number, string> } = {},
): { name: string; language: { code: string }; components?: Record<string, unknown>[] } {
  const params = templateParams(t);
  const named = t.parameterFormat === "NAMED";
  const components: Record<string, unknown>[] = [];
  const header = params.filter((p) => p.component === "header");
  if (header.length) components.push({ type: "header", parameters: header.map((p) => sendParameter(p, values[p.id]!, named)) });
  const body = params.filter((p) => p.component === "body");
  if (body.length) components.push({ type: "body", parameters: body.map((p) => sendParameter(p, values[p.id]!, named)) });
  (componentOf(t.components, "BUTTONS")?.buttons ?? []).forEach((b, index) => {
    if (b.type === "URL") {
      for (const p of params.filter((q) => q.component === "button" && q.buttonIndex === index)) {
        components.push({ type: "button", sub_type: "url", index: String(index), parameters: [{ type: "text", text: textOf(values[p.id]) ?? "" }] });
      }
    } else if (b.type === "QUICK_REPLY" && quickReplyPayloads[index] !== undefined) {
      components.push({ type: "button", sub_type: "quick_reply", index: String(index), parameters: [{ type: "payload", payload: quickReplyPayloads[index] }] });
    }
  });
  return { name: t.name, language: { code: t.language }, ...(components.length ? { components } : {}) };
}

/** Something Meta told us about a template (status, quality or category change), as the manager lists it. */
export type TemplateEventView = {
  id: number;
  field: "message_template_status_update" | "message_template_quality_update" | "template_category_update" | (string & {});
  /** The webhook's `value` as Meta sent it (`event`, `reason`, `new_quality_score`, `new_category`…). */
  value: Record<string, unknown>;
  receivedAt: string;
};

/** A template with its history, newest event first (`GET /api/templates/:id`). */
export type TemplateDetailView = TemplateView & { events: TemplateEventView[] };

/** The templates a number can send: its WhatsApp Business account's (all of them when the account is not known). */
export function templatesOfAccount<T extends { wabaId: string }>(list: readonly T[], wabaId: string | null): T[] {
  return wabaId ? list.filter((t) => t.wabaId === wabaId) : [...list];
}
