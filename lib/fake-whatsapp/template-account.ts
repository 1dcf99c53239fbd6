// The fake's WhatsApp Business account, template side: lists templates paged with cursors like
// Meta, takes submissions and edits, and reviews them like Meta: a rule-breaker is REJECTED with a
// reason, a valid one APPROVED after a short delay, each decision posted to the app as a signed
// `message_template_status_update` webhook. Quality and category changes can be triggered too.
import { randomInt } from "node:crypto";
import { templateComponentSchema, type ParameterFormat, type TemplateCategory, type TemplateComponent } from "@/lib/templates/model";
import { validateTemplate } from "@/lib/templates/validate";
import type { FakeEngine } from "@/lib/fake-whatsapp/engine";
import { templateNotification } from "@/lib/fake-whatsapp/notifications";
import { metaJsonOf, type StoredTemplate } from "@/lib/fake-whatsapp/templates";
import type { GraphFailure } from "@/lib/fake-whatsapp/validate-send";

export type TemplateAccountOptions = {
  wabaId: string;
  templates: StoredTemplate[];
  /** Milliseconds from a submission to Meta's decision (the demo: ~1.5 s; tests: 0). */
  reviewMs: number;
};

const invalid = (details: string, subcode?: number): GraphFailure => ({ httpStatus: 400, code: 100, title: "Invalid parameter", details, ...(subcode ? { subcode } : {}) });
const MAX_PAGE = 250;

export function createTemplateAccount(engine: FakeEngine, opts: TemplateAccountOptions, now: () => number) {
  const store = opts.templates;

  function notify(field: string, t: StoredTemplate, value: Record<string, unknown>) {
    void engine.postWebhook(
      templateNotification(opts.wabaId, field, { message_template_id: Number(t.id), message_template_name: t.name, message_template_language: t.language, ...value }, now()),
    );
  }

  function setStatus(t: StoredTemplate, event: string, reason: string | null) {
    t.status = event === "REINSTATED" ? "APPROVED" : event;
    t.rejectedReason = event === "REJECTED" ? (reason ?? "INVALID_FORMAT") : null;
    notify("message_template_status_update", t, { event, reason: reason ?? "NONE", message_template_category: t.category });
  }

  /** Meta's review: WhatsApp's rules decide; the fake never rejects a valid template. */
  function review(t: StoredTemplate) {
    engine.schedule(opts.reviewMs, () => {
      if (t.status !== "PENDING") return;
      const issues = validateTemplate(t);
      setStatus(t, issues.length ? "REJECTED" : "APPROVED", issues.length ? "INVALID_FORMAT" : null);
    });
  }

  /** `GET /{waba-id}/message_templates?limit=&after=`: `{ data, paging: { cursors, next? } }`. */
  function list(url: URL): Record<string, unknown> {
    const limit = Math.min(MAX_PAGE, Math.max(1, Number(url.searchParams.get("limit")) || 25));
    const after = url.searchParams.get("after");
    const start = after ? Number(Buffer.from(after, "base64url").toString("utf8")) || 0 : 0;
    const page = store.slice(start, start + limit);
    const cursor = (i: number) => Buffer.from(String(i)).toString("base64url");
    const paging: Record<string, unknown> = { cursors: { before: cursor(start), after: cursor(start + page.length) } };
    if (start + page.length < store.length) {
      const next = new URL(url);
      next.searchParams.set("after", cursor(start + page.length));
      paging.next = next.toString();
    }
    return { data: page.map(metaJsonOf), paging };
  }

  function parseComponents(raw: unknown): TemplateComponent[] | GraphFailure {
    if (!Array.isArray(raw) || raw.length === 0) return invalid("Param components is required and must be a non-empty array.");
    const out: TemplateComponent[] = [];
    for (const c of raw) {
      const parsed = templateComponentSchema.safeParse(c);
      if (!parsed.success) return invalid("Invalid parameter: a component is not a valid HEADER, BODY, FOOTER or BUTTONS.");
      out.push(parsed.data);
    }
    return out;
  }

  /** `POST /{waba-id}/message_templates` → `{ id, status: "PENDING", category }`; the decision follows by webhook. */
  function submit(raw: unknown): Record<string, unknown> | GraphFailure {
    const b = (raw ?? {}) as Record<string, unknown>;
    if (typeof b.name !== "string" || !b.name) return invalid("Param name is required.");
    if (typeof b.language !== "string" || !b.language) return invalid("Param language is required.");
    if (typeof b.category !== "string" || !["MARKETING", "UTILITY", "AUTHENTICATION"].includes(b.category)) return invalid("Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}.");
    if (b.parameter_format !== undefined && b.parameter_format !== "POSITIONAL" && b.parameter_format !== "NAMED") return invalid("Param parameter_format must be one of {POSITIONAL, NAMED}.");
    const components = parseComponents(b.components);
    if ("httpStatus" in components) return components;
    if (store.some((t) => t.name === b.name && t.language === b.language)) {
      return { httpStatus: 400, code: 100, subcode: 2388024, title: "Content in this language already exists", details: `A template named ${b.name} already exists in ${b.language}.` };
    }
    const t: StoredTemplate = {
      id: String(1_700_000_000_000_000 + randomInt(1, 2 ** 40)),
      name: b.name,
      language: b.language,
      category: b.category as TemplateCategory,
      parameterFormat: (b.parameter_format ?? "POSITIONAL") as ParameterFormat,
      components,
      status: "PENDING",
      qualityScore: "UNKNOWN",
      rejectedReason: null,
    };
    store.push(t);
    review(t);
    return { id: t.id, status: t.status, category: t.category };
  }

  /** `POST /{template-id}`: new components (and category) go back to review. */
  function edit(id: string, raw: unknown): Record<string, unknown> | GraphFailure | null {
    const t = store.find((x) => x.id === id);
    if (!t) return null;
    const b = (raw ?? {}) as Record<string, unknown>;
    if (!["APPROVED", "REJECTED", "PAUSED"].includes(t.status)) return invalid(`A ${t.status} template cannot be edited.`, 2388315);
    if (b.components !== undefined) {
      const components = parseComponents(b.components);
      if ("httpStatus" in components) return components;
      t.components = components;
    }
    if (typeof b.category === "string" && ["MARKETING", "UTILITY"].includes(b.category)) t.category = b.category as TemplateCategory;
    t.status = "PENDING";
    t.rejectedReason = null;
    review(t);
    return { success: true };
  }

  /**
   * Test and demo control: Meta changes a template on its own (`event`: PAUSED, DISABLED,
   * REINSTATED…; `quality`: GREEN/YELLOW/RED; `category`: the new category).
   */
  function change(id: string, input: { event?: string; reason?: string; quality?: string; category?: string }): StoredTemplate | null {
    const t = store.find((x) => x.id === id || `${x.name}:${x.language}` === id);
    if (!t) return null;
    if (input.event) setStatus(t, input.event, input.reason ?? null);
    if (input.quality) {
      const previous = t.qualityScore ?? "UNKNOWN";
      t.qualityScore = input.quality;
      notify("message_template_quality_update", t, { previous_quality_score: previous, new_quality_score: input.quality });
    }
    if (input.category) {
      const previous = t.category;
      t.category = input.category as TemplateCategory;
      notify("template_category_update", t, { previous_category: previous, new_category: input.category });
    }
    return t;
  }

  return { wabaId: opts.wabaId, store, list, submit, edit, change };
}

export type TemplateAccount = ReturnType<typeof createTemplateAccount>;
