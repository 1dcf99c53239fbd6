import { DEMO_TEMPLATES, type ApprovedTemplate } from "./demo-templates";

// The templates agents can pick when the 24-hour window is closed. Until the catalog is synced
// from Meta (GET /{waba-id}/message_templates, the templates issue), it is the approved set the
// demo's fake Graph API also knows, so a demo send always matches what "Meta" will accept.

export type TemplateOption = {
  /** `name:language`, unique in the catalog. */
  key: string;
  name: string;
  language: string;
  category: ApprovedTemplate["category"];
  header: string | null;
  body: string;
  footer: string | null;
  buttons: string[];
  /** The body's placeholders, in order ({{1}}, {{2}}…). */
  params: string[];
};

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Approved templates an agent can fill in from the composer: text-only header without
 * placeholders, body placeholders only, quick-reply buttons. Media headers and URL buttons
 * need files and links the templates issue brings.
 */
export function listTemplateOptions(): TemplateOption[] {
  return DEMO_TEMPLATES.filter(
    (t) =>
      t.status === "APPROVED" &&
      (!t.header || (t.header.format === "TEXT" && placeholders(t.header.text ?? "").length === 0)) &&
      (t.buttons ?? []).every((b) => b.type === "QUICK_REPLY"),
  ).map((t) => ({
    key: `${t.name}:${t.language}`,
    name: t.name,
    language: t.language,
    category: t.category,
    header: t.header?.text ?? null,
    body: t.body,
    footer: t.footer ?? null,
    buttons: (t.buttons ?? []).map((b) => b.text),
    params: placeholders(t.body),
  }));
}

export function findTemplateOption(name: string, language: string): TemplateOption | undefined {
  return listTemplateOptions().find((t) => t.name === name && t.language === language);
}

/** The body as the customer will read it. */
export function renderTemplateBody(t: Pick<TemplateOption, "body" | "params">, values: string[]): string {
  return t.body.replace(PLACEHOLDER, (_, key: string) => values[t.params.indexOf(key)] ?? `{{${key}}}`);
}
