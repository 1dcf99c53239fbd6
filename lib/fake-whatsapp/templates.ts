// The fake's approved templates: a send naming anything else fails with 132001, the wrong
// number of body parameters with 132000, a body parameter with newlines/tabs/5+ spaces with 132018.

import { DEMO_TEMPLATES, type ApprovedTemplate } from "@/lib/templates/demo-templates";

export type FakeTemplate = ApprovedTemplate;

/** The fake knows what the demo workspace has approved. */
export const BUILT_IN_TEMPLATES: FakeTemplate[] = DEMO_TEMPLATES;


export function bodyParamCount(t: FakeTemplate): number {
  return new Set(t.body.match(/\{\{\s*[\w]+\s*\}\}/g) ?? []).size;
}

export type TemplateCheck = { ok: true } | { ok: false; code: number; title: string; details: string };

/** Checks a send's `template` object against the list, the way Meta's validation answers. */
export function checkTemplate(list: FakeTemplate[], template: Record<string, unknown>): TemplateCheck {
  const name = typeof template.name === "string" ? template.name : "";
  const code = typeof (template.language as { code?: unknown } | undefined)?.code === "string" ? (template.language as { code: string }).code : "";
  if (!name || !code) return { ok: false, code: 131008, title: "Required parameter is missing", details: "template.name and template.language.code are required" };
  const found = list.find((t) => t.name === name && t.language === code);
  if (!found || found.status !== "APPROVED") {
    if (found?.status === "PAUSED") return { ok: false, code: 132015, title: "Template is Paused", details: `Template ${name} is paused` };
    if (found?.status === "DISABLED") return { ok: false, code: 132016, title: "Template is Disabled", details: `Template ${name} is disabled` };
    return { ok: false, code: 132001, title: "Template name does not exist in the translation", details: `template name (${name}) does not exist in ${code}` };
  }
  const components = Array.isArray(template.components) ? (template.components as Record<string, unknown>[]) : [];
  const body = components.find((c) => String(c?.type).toLowerCase() === "body");
  const params = Array.isArray(body?.parameters) ? (body.parameters as Record<string, unknown>[]) : [];
  const expected = bodyParamCount(found);
  if (params.length !== expected) {
    return { ok: false, code: 132000, title: "Number of parameters does not match the expected number of params", details: `body: number of localizable_params (${params.length}) does not match the expected number of params (${expected})` };
  }
  for (const p of params) {
    const text = typeof p?.text === "string" ? p.text : null;
    if (text !== null && (/[\n\t]/.test(text) || / {5,}/.test(text))) {
      return { ok: false, code: 132018, title: "There was an issue with the parameters in your template.", details: "Param text cannot have new-line/tab characters or more than 4 consecutive spaces" };
    }
  }
  return { ok: true };
}
