import { PLACEHOLDER, placeholdersOf, TEMPLATE_CATEGORIES, PARAMETER_FORMATS, templateComponentSchema, type TemplateComponent } from "./model";

// WhatsApp's rules for a template, checked before it is submitted to Meta so a lead sees what to
// fix at once instead of a rejection minutes later. Pure and client-safe: the manager's form runs
// it live, the server runs it again before submitting, and the fake reviews submissions with it.
// Sources: ../shared/notes/whatsapp-cloud-api.md ("Templates", "Since 2025 → Named parameters");
// Meta's own refusals for the rest (error subcode 2388299 for a parameter at the start or end of
// the body). Each issue has a stable `rule` a client translates (`templatesServer.rules.<rule>`).

export const LIMITS = {
  name: 512,
  body: 1024,
  headerText: 60,
  footer: 60,
  buttons: 10,
  quickReplies: 3,
  urlButtons: 2,
  phoneButtons: 1,
  buttonText: 25,
  url: 2000,
} as const;

export const TEMPLATE_RULES = [
  "name_format",
  "name_length",
  "language_format",
  "category_invalid",
  "category_unsupported",
  "parameter_format_invalid",
  "components_invalid",
  "body_missing",
  "component_repeated",
  "body_empty",
  "body_too_long",
  "body_edge_parameter",
  "header_text_missing",
  "header_too_long",
  "header_too_many_parameters",
  "footer_too_long",
  "footer_parameter",
  "buttons_empty",
  "buttons_too_many",
  "quick_replies_too_many",
  "url_buttons_too_many",
  "phone_buttons_too_many",
  "button_text_missing",
  "button_text_too_long",
  "url_invalid",
  "url_parameter_not_suffix",
  "url_example_missing",
  "phone_invalid",
  "parameter_malformed",
  "parameter_named_in_positional",
  "parameter_positional_in_named",
  "parameter_name_invalid",
  "parameters_not_sequential",
  "example_missing",
] as const;
export type TemplateRule = (typeof TEMPLATE_RULES)[number];

export type TemplateIssue = { path: string; rule: TemplateRule; message: string; params?: Record<string, string | number> };

/** What a lead submits: the template as Meta stores it, before it is known to be well-formed. */
export type TemplateDraft = { name: unknown; language: unknown; category: unknown; parameterFormat?: unknown; components: unknown };

const NAME = /^[a-z0-9_]+$/;
// Meta's locale codes: `it`, `en_US`, `pt_BR`, `zh_HK`…
const LANGUAGE = /^[a-z]{2,3}(?:_[A-Z]{2})?$/;
const PARAM_NAME = /^[a-z_]+$/;
const POSITIONAL_KEY = /^\d+$/;

/** Every issue of a draft; [] means WhatsApp's rules we know of are met. */
export function validateTemplate(draft: TemplateDraft): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const add = (path: string, rule: TemplateRule, message: string, params?: TemplateIssue["params"]) => issues.push({ path, rule, message, ...(params ? { params } : {}) });

  const name = typeof draft.name === "string" ? draft.name : "";
  if (!NAME.test(name)) add("name", "name_format", "Use lowercase letters, digits and underscores only.");
  else if (name.length > LIMITS.name) add("name", "name_length", `At most ${LIMITS.name} characters.`, { max: LIMITS.name });
  if (typeof draft.language !== "string" || !LANGUAGE.test(draft.language)) add("language", "language_format", "Use a WhatsApp language code such as en_US or it.");
  if (!TEMPLATE_CATEGORIES.includes(draft.category as never)) add("category", "category_invalid", "Choose MARKETING, UTILITY or AUTHENTICATION.");
  // Authentication templates have a fixed shape of Meta's (a one-time code and its copy button).
  else if (draft.category === "AUTHENTICATION") add("category", "category_unsupported", "Authentication templates use Meta's fixed one-time-code format and cannot be written here.");
  const format = draft.parameterFormat ?? "POSITIONAL";
  if (!PARAMETER_FORMATS.includes(format as never)) add("parameterFormat", "parameter_format_invalid", "Choose POSITIONAL or NAMED.");
  const named = format === "NAMED";

  if (!Array.isArray(draft.components)) {
    add("components", "components_invalid", "Components must be a list.");
    return issues;
  }
  const components: (TemplateComponent | null)[] = draft.components.map((raw, i) => {
    const parsed = templateComponentSchema.safeParse(raw);
    if (!parsed.success) add(`components.${i}`, "components_invalid", "This component is not a valid HEADER, BODY, FOOTER or BUTTONS.");
    return parsed.success ? parsed.data : null;
  });

  const seen = new Set<string>();
  components.forEach((c, i) => {
    if (!c) return;
    if (seen.has(c.type)) add(`components.${i}`, "component_repeated", `Only one ${c.type} is allowed.`, { type: c.type });
    seen.add(c.type);
  });
  if (!components.some((c) => c?.type === "BODY")) add("components", "body_missing", "A template needs a BODY.");

  // Parameters: all positional or all named, as the template's parameter_format says.
  const checkParams = (text: string, path: string) => {
    const stripped = text.replace(PLACEHOLDER, "");
    if (stripped.includes("{{") || stripped.includes("}}")) add(path, "parameter_malformed", "A parameter is written {{1}} or {{name}}.");
    for (const key of placeholdersOf(text)) {
      if (named && POSITIONAL_KEY.test(key)) add(path, "parameter_positional_in_named", `{{${key}}} is numbered, but this template uses named parameters.`, { key });
      else if (!named && !POSITIONAL_KEY.test(key)) add(path, "parameter_named_in_positional", `{{${key}}} is named, but this template uses numbered parameters.`, { key });
      else if (named && !PARAM_NAME.test(key)) add(path, "parameter_name_invalid", `{{${key}}}: names use lowercase letters and underscores.`, { key });
    }
    if (!named) {
      const keys = placeholdersOf(text).filter((k) => POSITIONAL_KEY.test(k));
      if (keys.some((k, i) => Number(k) !== i + 1)) add(path, "parameters_not_sequential", "Number parameters {{1}}, {{2}}… in order, without gaps.");
    }
  };

  components.forEach((c, i) => {
    if (!c) return;
    const at = `components.${i}`;
    switch (c.type) {
      case "BODY": {
        if (!c.text.trim()) add(`${at}.text`, "body_empty", "The body cannot be empty.");
        if (c.text.length > LIMITS.body) add(`${at}.text`, "body_too_long", `At most ${LIMITS.body} characters.`, { max: LIMITS.body });
        checkParams(c.text, `${at}.text`);
        const trimmed = c.text.trim();
        if (/^\{\{[^}]*\}\}/.test(trimmed) || /\{\{[^}]*\}\}$/.test(trimmed)) add(`${at}.text`, "body_edge_parameter", "The body cannot start or end with a parameter.");
        const keys = placeholdersOf(c.text);
        const examples = named ? c.example?.body_text_named_params?.map((p) => p.param_name) ?? [] : (c.example?.body_text?.[0] ?? []).map((_, k) => String(k + 1));
        const values = named ? c.example?.body_text_named_params?.map((p) => p.example) ?? [] : c.example?.body_text?.[0] ?? [];
        const missing = keys.filter((k) => {
          const j = examples.indexOf(k);
          return j < 0 || !values[j]?.trim();
        });
        if (missing.length) add(`${at}.example`, "example_missing", `Give an example for ${missing.map((k) => `{{${k}}}`).join(", ")}.`, { keys: missing.join(", ") });
        return;
      }
      case "HEADER": {
        if (c.format !== "TEXT") return;
        const text = c.text ?? "";
        if (!text.trim()) add(`${at}.text`, "header_text_missing", "A text header needs its text.");
        if (text.length > LIMITS.headerText) add(`${at}.text`, "header_too_long", `At most ${LIMITS.headerText} characters.`, { max: LIMITS.headerText });
        const keys = placeholdersOf(text);
        if (keys.length > 1) add(`${at}.text`, "header_too_many_parameters", "A header has at most one parameter.");
        checkParams(text, `${at}.text`);
        if (keys.length === 1) {
          const example = named ? c.example?.header_text_named_params?.find((p) => p.param_name === keys[0])?.example : c.example?.header_text?.[0];
          if (!example?.trim()) add(`${at}.example`, "example_missing", `Give an example for {{${keys[0]}}}.`, { keys: `{{${keys[0]}}}` });
        }
        return;
      }
      case "FOOTER": {
        if (c.text.length > LIMITS.footer) add(`${at}.text`, "footer_too_long", `At most ${LIMITS.footer} characters.`, { max: LIMITS.footer });
        if (placeholdersOf(c.text).length || c.text.includes("{{")) add(`${at}.text`, "footer_parameter", "A footer cannot have parameters.");
        return;
      }
      case "BUTTONS": {
        const count = (type: string) => c.buttons.filter((b) => b.type === type).length;
        if (c.buttons.length === 0) add(`${at}.buttons`, "buttons_empty", "Add a button or remove the buttons.");
        if (c.buttons.length > LIMITS.buttons) add(`${at}.buttons`, "buttons_too_many", `At most ${LIMITS.buttons} buttons.`, { max: LIMITS.buttons });
        if (count("QUICK_REPLY") > LIMITS.quickReplies) add(`${at}.buttons`, "quick_replies_too_many", `At most ${LIMITS.quickReplies} quick replies.`, { max: LIMITS.quickReplies });
        if (count("URL") > LIMITS.urlButtons) add(`${at}.buttons`, "url_buttons_too_many", `At most ${LIMITS.urlButtons} link buttons.`, { max: LIMITS.urlButtons });
        if (count("PHONE_NUMBER") > LIMITS.phoneButtons) add(`${at}.buttons`, "phone_buttons_too_many", `At most ${LIMITS.phoneButtons} call button.`, { max: LIMITS.phoneButtons });
        c.buttons.forEach((b, j) => {
          const bat = `${at}.buttons.${j}`;
          if (!b.text.trim()) add(`${bat}.text`, "button_text_missing", "A button needs its text.");
          if (b.text.length > LIMITS.buttonText) add(`${bat}.text`, "button_text_too_long", `At most ${LIMITS.buttonText} characters.`, { max: LIMITS.buttonText });
          if (b.type === "URL") {
            const keys = placeholdersOf(b.url);
            const stripped = b.url.replace(PLACEHOLDER, "");
            if (!/^https?:\/\/[^\s/{}]+\.[^\s{}]*/i.test(b.url) || b.url.length > LIMITS.url) add(`${bat}.url`, "url_invalid", "Use a full http(s) link.");
            // The one variable part of a link is a suffix: `https://example.com/checkin/{{1}}`.
            if (keys.length > 1 || (keys.length === 1 && !/\{\{1\}\}$/.test(b.url)) || stripped.includes("{{") || stripped.includes("}}")) {
              add(`${bat}.url`, "url_parameter_not_suffix", "A link may end with {{1}}, and have no other parameter.");
            } else if (keys.length === 1 && !b.example?.[0]?.trim()) add(`${bat}.example`, "url_example_missing", "Give an example of the full link.");
          }
          if (b.type === "PHONE_NUMBER" && !/^\+?[1-9]\d{6,19}$/.test(b.phone_number.replace(/[\s-]/g, ""))) add(`${bat}.phone_number`, "phone_invalid", "Use a phone number with its country code, such as +39 06 1234 5678.");
        });
        return;
      }
    }
  });
  return issues;
}

/** Issues as the API's field errors: `{ "components.1.text": ["At most 1024 characters."] }`. */
export function issuesToFieldErrors(issues: TemplateIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) (out[i.path] ??= []).push(i.message);
  return out;
}

/** Meta's rejection reason for a rule-breaking submission, as the fake reports it. */
export function rejectionReasonFor(issues: TemplateIssue[]): string | null {
  if (issues.length === 0) return null;
  return "INVALID_FORMAT";
}
