// The fake's message templates, kept like Meta keeps them per WhatsApp Business account: served
// paged, reviewed on submission, and checked on every template send with Meta's error codes:
// unknown or unapproved → 132001, paused → 132015, disabled → 132016, the wrong number of
// parameters (or named parameters that are not the template's) → 132000, a parameter of the wrong
// kind → 132012, a text parameter with newlines/tabs/5+ spaces → 132018, a malformed value → 131009;
// a quick-reply button's one `payload` parameter is checked the same way.
import { componentOf, templateParams, type TemplateDefinition, type TemplateParam } from "@/lib/templates/model";
import { SEED_TEMPLATES } from "@/lib/templates/seed-templates";

/** A template in the fake's store: Meta's shape, with Meta's id and review state. */
export type StoredTemplate = TemplateDefinition & {
  id: string;
  status: string;
  qualityScore?: string | null;
  rejectedReason?: string | null;
};

/**
 * What `/_fake/templates` lists for the customer simulator: the stored template plus a flat view
 * of its parts (header, body, footer, buttons) that the phone renders.
 */
export type FakeTemplate = StoredTemplate & {
  header?: { format: string; text?: string };
  body: string;
  footer?: string;
  buttons?: { type: string; text: string; url?: string }[];
};

/** A fresh copy of the seeded templates: the store a new fake starts with (it changes the copy). */
export function builtInTemplates(): StoredTemplate[] {
  return SEED_TEMPLATES.map((t) => structuredClone({ name: t.name, language: t.language, category: t.category, parameterFormat: t.parameterFormat, components: t.components, id: t.metaId, status: t.status, qualityScore: t.qualityScore, rejectedReason: null }));
}

/** @deprecated the seeded store; a fake takes its own copy (builtInTemplates). */
export const BUILT_IN_TEMPLATES: readonly StoredTemplate[] = builtInTemplates();

export function flatView(t: StoredTemplate): FakeTemplate {
  const header = componentOf(t.components, "HEADER");
  const footer = componentOf(t.components, "FOOTER");
  const buttons = componentOf(t.components, "BUTTONS")?.buttons;
  return {
    ...t,
    ...(header ? { header: { format: header.format, ...(header.text ? { text: header.text } : {}) } } : {}),
    body: componentOf(t.components, "BODY")?.text ?? "",
    ...(footer ? { footer: footer.text } : {}),
    ...(buttons ? { buttons: buttons.map((b) => ({ type: b.type, text: b.text, ...(b.type === "URL" ? { url: b.url } : {}) })) } : {}),
  };
}

/** Meta's JSON for one template (`GET /{waba-id}/message_templates`). */
export function metaJsonOf(t: StoredTemplate): Record<string, unknown> {
  return {
    name: t.name,
    parameter_format: t.parameterFormat,
    components: t.components,
    language: t.language,
    status: t.status,
    category: t.category,
    ...(t.qualityScore ? { quality_score: { score: t.qualityScore, date: 1_780_000_000 } } : {}),
    rejected_reason: t.rejectedReason ?? "NONE",
    id: t.id,
  };
}

export type TemplateCheck = { ok: true } | { ok: false; code: number; title: string; details: string };

const fail = (code: number, title: string, details: string): TemplateCheck => ({ ok: false, code, title, details });
const COUNT_TITLE = "Number of parameters does not match the expected number of params";
const FORMAT_TITLE = "Parameter format does not match format in the created template";
const VALUE_TITLE = "Parameter value is not valid";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const paramsOf = (c: Obj | undefined): Obj[] => (Array.isArray(c?.parameters) ? (c.parameters as unknown[]).filter(isObj) : []);

/** One sent parameter against the template's: its kind and its value's shape. */
function checkParameter(where: string, expected: TemplateParam, p: Obj): TemplateCheck | null {
  const type = String(p.type ?? "");
  if (expected.media) {
    if (type !== expected.media) return fail(132012, FORMAT_TITLE, `${where}: expected a ${expected.media} parameter, got ${type || "none"}`);
    const media = p[type];
    if (!isObj(media) || (typeof media.link !== "string" && typeof media.id !== "string")) return fail(131008, "Required parameter is missing", `${where}: ${type}['link'] or ${type}['id'] is required`);
    if (typeof media.link === "string" && !/^https?:\/\//i.test(media.link)) return fail(131009, VALUE_TITLE, `${where}: ${type}['link'] must be an http(s) URL`);
    return null;
  }
  if (type === "text") {
    if (typeof p.text !== "string" || !p.text) return fail(131008, "Required parameter is missing", `${where}: text is required`);
    if (/[\n\t]/.test(p.text) || / {5,}/.test(p.text)) return fail(132018, "There was an issue with the parameters in your template.", "Param text cannot have new-line/tab characters or more than 4 consecutive spaces");
    return null;
  }
  if (type === "currency") {
    const c = p.currency;
    if (!isObj(c) || typeof c.fallback_value !== "string" || typeof c.code !== "string" || !/^[A-Z]{3}$/.test(c.code) || !Number.isInteger(c.amount_1000)) {
      return fail(131009, VALUE_TITLE, `${where}: currency needs fallback_value, a 3-letter code and an integer amount_1000`);
    }
    return null;
  }
  if (type === "date_time") {
    const d = p.date_time;
    if (!isObj(d) || typeof d.fallback_value !== "string" || !d.fallback_value) return fail(131009, VALUE_TITLE, `${where}: date_time needs fallback_value`);
    return null;
  }
  return fail(132012, FORMAT_TITLE, `${where}: a ${type || "parameter without a type"} cannot fill {{${expected.key}}}`);
}

/** The parameters of one component (header or body) against the template's. */
function checkComponent(which: "header" | "body", expected: TemplateParam[], sent: Obj[], named: boolean): TemplateCheck | null {
  if (sent.length !== expected.length) {
    return fail(132000, COUNT_TITLE, `${which}: number of localizable_params (${sent.length}) does not match the expected number of params (${expected.length})`);
  }
  if (named && !expected[0]?.media) {
    const names = sent.map((p) => p.parameter_name);
    const missing = expected.filter((e) => !names.includes(e.key)).map((e) => e.key);
    if (missing.length) return fail(132000, COUNT_TITLE, `${which}: missing named parameters (${missing.join(", ")}); each needs its parameter_name`);
    for (const e of expected) {
      const problem = checkParameter(`${which} {{${e.key}}}`, e, sent.find((p) => p.parameter_name === e.key)!);
      if (problem) return problem;
    }
    return null;
  }
  for (const [i, e] of expected.entries()) {
    const problem = checkParameter(`${which} {{${e.key}}}`, e, sent[i]!);
    if (problem) return problem;
  }
  return null;
}

/** Checks a send's `template` object against the store, the way Meta's validation answers. */
export function checkTemplate(list: readonly StoredTemplate[], template: Record<string, unknown>): TemplateCheck {
  const name = typeof template.name === "string" ? template.name : "";
  const code = typeof (template.language as { code?: unknown } | undefined)?.code === "string" ? (template.language as { code: string }).code : "";
  if (!name || !code) return fail(131008, "Required parameter is missing", "template.name and template.language.code are required");
  const found = list.find((t) => t.name === name && t.language === code);
  if (!found || found.status !== "APPROVED") {
    if (found?.status === "PAUSED") return fail(132015, "Template is Paused", `Template ${name} is paused`);
    if (found?.status === "DISABLED") return fail(132016, "Template is Disabled", `Template ${name} is disabled`);
    return fail(132001, "Template name does not exist in the translation", `template name (${name}) does not exist in ${code}`);
  }
  const components = Array.isArray(template.components) ? (template.components as unknown[]).filter(isObj) : [];
  const part = (type: string) => components.find((c) => String(c.type).toLowerCase() === type);
  const expected = templateParams(found);
  const named = found.parameterFormat === "NAMED";

  const header = checkComponent("header", expected.filter((p) => p.component === "header"), paramsOf(part("header")), named);
  if (header) return header;
  const body = checkComponent("body", expected.filter((p) => p.component === "body"), paramsOf(part("body")), named);
  if (body) return body;

  const buttons = componentOf(found.components, "BUTTONS")?.buttons ?? [];
  const sentButtons = components.filter((c) => String(c.type).toLowerCase() === "button");
  for (const b of sentButtons) {
    const index = Number(b.index);
    const button = Number.isInteger(index) ? buttons[index] : undefined;
    const subType = String(b.sub_type ?? "").toLowerCase();
    if (!button || (subType === "url" && button.type !== "URL") || (subType === "quick_reply" && button.type !== "QUICK_REPLY")) {
      return fail(132000, COUNT_TITLE, `button: the template has no ${subType || "such"} button at index ${String(b.index)}`);
    }
    if (subType === "quick_reply") {
      // A quick reply carries one `payload` parameter: what the tap's webhook returns.
      const params = paramsOf(b);
      if (params.length !== 1) return fail(132000, COUNT_TITLE, `button ${index}: a quick_reply button takes one payload parameter, got ${params.length}`);
      if (params[0]!.type !== "payload") return fail(132012, FORMAT_TITLE, `button ${index}: expected a payload parameter, got ${String(params[0]!.type ?? "none")}`);
      if (typeof params[0]!.payload !== "string" || !params[0]!.payload) return fail(131008, "Required parameter is missing", `button ${index}: payload is required`);
    }
  }
  for (const p of expected.filter((q) => q.component === "button")) {
    const sent = sentButtons.find((b) => Number(b.index) === p.buttonIndex && String(b.sub_type ?? "").toLowerCase() === "url");
    const params = paramsOf(sent);
    if (params.length !== 1) return fail(132000, COUNT_TITLE, `button ${p.buttonIndex}: number of localizable_params (${params.length}) does not match the expected number of params (1)`);
    const problem = checkParameter(`button ${p.buttonIndex}`, p, params[0]!);
    if (problem) return problem;
  }
  return { ok: true };
}
