"use client";

import { useId, useMemo, useState } from "react";
import { LoaderCircle, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useTeams } from "@/lib/client/use-teams";
import { useCreateTemplate, useUpdateTemplate, type TemplateView } from "@/lib/client/use-templates";
import { renderTemplate } from "@/lib/templates/model";
import { LIMITS, validateTemplate } from "@/lib/templates/validate";
import { cn } from "@/lib/client/cn";
import { TemplatePreview } from "./template-preview";
import { StatusBadge } from "./template-status";
import { TemplateHistory } from "./template-history";
import { draftParams, EMPTY_STATE, exampleValues, fieldKeyOf, fromTemplate, toComponents, type EditorState, type HeaderFormat } from "./template-draft";
import { ButtonsEditor, FieldError } from "./template-buttons-editor";

const LANGUAGES = ["en_US", "en_GB", "it", "es", "fr", "de"];

function Counter({ value, max }: { value: string; max: number }) {
  return <span className={cn("text-2xs tabular-nums", value.length > max ? "text-danger" : "text-muted")}>{`${value.length}/${max}`}</span>;
}

/**
 * Create or edit a template with a live preview as the customer will see it. WhatsApp's rules are
 * checked as the lead types (the same rules the server applies before submitting to Meta); the
 * API's own field errors land on the same fields. A submission shows PENDING until Meta's review.
 */
export function TemplateEditor({ template, onDone }: { template: TemplateView | null; onDone: (saved: TemplateView | null) => void }) {
  const t = useTranslations("templates.editor");
  const tCategory = useTranslations("templates.category");
  // WhatsApp's rules in the lead's language (the server helper's catalog), else the rule's English.
  const tRules = useTranslations("templatesServer.rules");
  const errorText = useErrorText();
  const id = useId();
  const editing = !!template;
  const uiLocale = useLocale();
  // A new template starts in the lead's own language (Meta's code for it).
  const [s, setS] = useState<EditorState>(() => (template ? fromTemplate(template) : { ...EMPTY_STATE, language: uiLocale.startsWith("it") ? "it" : EMPTY_STATE.language }));
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const create = useCreateTemplate();
  const update = useUpdateTemplate(template?.id ?? "");
  const mutation = editing ? update : create;
  const { data: teams } = useTeams();

  const set = <K extends keyof EditorState>(key: K, value: EditorState[K]) => {
    setS((cur) => ({ ...cur, [key]: value }));
    setServerErrors({});
  };

  const { components, sections } = useMemo(() => toComponents(s), [s]);
  const params = useMemo(() => draftParams(s), [s]);
  const issues = useMemo(() => validateTemplate({ name: s.name, language: s.language, category: s.category, parameterFormat: s.parameterFormat, components }), [s, components]);
  const rendered = useMemo(() => renderTemplate({ components }, exampleValues(s)), [components, s]);

  // Rules show once the lead has tried to submit (nobody wants "required" on an empty new form);
  // the server's answer shows always.
  const errors = useMemo(() => {
    const out: Record<string, string[]> = {};
    if (tried) for (const i of issues) (out[fieldKeyOf(i.path, sections)] ??= []).push(tRules.has(i.rule) ? tRules(i.rule, i.params as never) : i.message);
    for (const [path, msgs] of Object.entries(serverErrors)) (out[fieldKeyOf(path, sections)] ??= []).push(...msgs);
    return out;
  }, [issues, serverErrors, sections, tried, tRules]);
  const err = (key: string) => errors[key];
  const aria = (key: string) => ({ "aria-invalid": !!errors[key] || undefined, "aria-describedby": errors[key] ? `${id}-${key}-e` : undefined });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (issues.length) {
      // Take the lead to the first thing to fix.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-template-editor] [aria-invalid="true"]`)?.focus());
      return;
    }
    const body = { category: s.category, components, teamIds: s.teamIds };
    const onError = (error: Error) => setServerErrors((error as ApiError).fields ?? {});
    if (editing) update.mutate(body, { onSuccess: (saved) => onDone(saved), onError });
    else create.mutate({ ...body, name: s.name, language: s.language, parameterFormat: s.parameterFormat }, { onSuccess: (saved) => onDone(saved), onError });
  }

  const fieldGeneral = err("components") ?? err("_");

  return (
    <form data-template-editor onSubmit={submit} aria-label={editing ? t("editTitle") : t("newTitle")} className="flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-line px-4 py-3">
        <h2 className="text-sm font-semibold">{editing ? t("editTitle") : t("newTitle")}</h2>
        {template && <StatusBadge status={template.status} />}
        <button type="button" className="btn-icon ml-auto" onClick={() => onDone(null)} aria-label={t("close")}>
          <X className="size-4" aria-hidden />
        </button>
      </div>
      <div className="grid min-h-0 flex-1 gap-6 overflow-y-auto px-4 py-4 lg:grid-cols-[minmax(0,1fr)_320px]">
        <div className="space-y-4">
          {template?.rejectionReason && template.status === "REJECTED" && (
            <p role="status" className="rounded-ctl border border-danger/25 bg-danger-soft px-3 py-2 text-ui text-danger">
              {t("rejected", { reason: template.rejectionReason })}
            </p>
          )}
          {editing && <p className="text-2xs text-muted">{t("editNote")}</p>}
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <label htmlFor={`${id}-name`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("name")}
              </label>
              <input
                id={`${id}-name`}
                className="field h-8 font-mono text-ui"
                value={s.name}
                disabled={editing}
                placeholder="booking_confirmation"
                onChange={(e) => set("name", e.target.value.toLowerCase().replace(/[\s-]+/g, "_"))}
                {...aria("name")}
              />
              <FieldError id={`${id}-name-e`} errors={err("name")} />
            </div>
            <div>
              <label htmlFor={`${id}-lang`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("language")}
              </label>
              <select id={`${id}-lang`} className="select-ctl h-8 w-full" value={s.language} disabled={editing} onChange={(e) => set("language", e.target.value)} {...aria("language")}>
                {[...new Set([s.language, ...LANGUAGES])].map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-language-e`} errors={err("language")} />
            </div>
            <div>
              <label htmlFor={`${id}-cat`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("category")}
              </label>
              <select id={`${id}-cat`} className="select-ctl h-8 w-full" value={s.category} onChange={(e) => set("category", e.target.value as EditorState["category"])} {...aria("category")}>
                {(["UTILITY", "MARKETING"] as const).map((c) => (
                  <option key={c} value={c}>
                    {tCategory(c)}
                  </option>
                ))}
              </select>
              <FieldError id={`${id}-category-e`} errors={err("category")} />
            </div>
          </div>

          <fieldset disabled={editing}>
            <legend className="mb-1 text-2xs font-medium text-fg-2">{t("parameterFormat")}</legend>
            <div className="flex flex-wrap gap-4 text-ui">
              {(["NAMED", "POSITIONAL"] as const).map((f) => (
                <label key={f} className="inline-flex items-center gap-1.5">
                  <input type="radio" name={`${id}-format`} checked={s.parameterFormat === f} onChange={() => set("parameterFormat", f)} />
                  {t(`format.${f}`)}
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset className="space-y-2">
            <legend className="mb-1 text-2xs font-medium text-fg-2">{t("header")}</legend>
            <div className="flex flex-wrap gap-1" role="radiogroup" aria-label={t("headerType")}>
              {(["NONE", "TEXT", "DOCUMENT", "IMAGE"] as HeaderFormat[]).map((f) => (
                <button
                  key={f}
                  type="button"
                  role="radio"
                  aria-checked={s.headerFormat === f}
                  className={cn("btn h-7 border px-2.5 text-2xs", s.headerFormat === f ? "border-accent bg-accent-soft text-accent-soft-fg" : "border-line text-muted hover:bg-surface-2")}
                  onClick={() => set("headerFormat", f)}
                >
                  {t(`headerFormat.${f}`)}
                </button>
              ))}
            </div>
            {s.headerFormat === "TEXT" && (
              <div>
                <div className="flex items-baseline justify-between">
                  <label htmlFor={`${id}-htext`} className="text-2xs text-muted">
                    {t("headerText")}
                  </label>
                  <Counter value={s.headerText} max={LIMITS.headerText} />
                </div>
                <input id={`${id}-htext`} className="field mt-1 h-8 text-ui" value={s.headerText} onChange={(e) => set("headerText", e.target.value)} {...aria("header.text")} />
                <FieldError id={`${id}-header.text-e`} errors={err("header.text")} />
              </div>
            )}
            {(s.headerFormat === "DOCUMENT" || s.headerFormat === "IMAGE") && (
              <div>
                <label htmlFor={`${id}-hsample`} className="text-2xs text-muted">
                  {t("headerSample")}
                </label>
                <input id={`${id}-hsample`} type="url" className="field mt-1 h-8 text-ui" placeholder="https://…" value={s.headerSample} onChange={(e) => set("headerSample", e.target.value)} />
                <p className="mt-1 text-2xs text-muted">{t("headerSampleHint")}</p>
              </div>
            )}
          </fieldset>

          <div>
            <div className="flex items-baseline justify-between">
              <label htmlFor={`${id}-body`} className="text-2xs font-medium text-fg-2">
                {t("body")}
              </label>
              <Counter value={s.body} max={LIMITS.body} />
            </div>
            <textarea
              id={`${id}-body`}
              rows={7}
              className="field mt-1 h-auto py-2 text-ui leading-[1.45]"
              value={s.body}
              placeholder={s.parameterFormat === "NAMED" ? t("bodyPlaceholderNamed") : t("bodyPlaceholderPositional")}
              onChange={(e) => set("body", e.target.value)}
              {...aria("body.text")}
            />
            <p className="mt-1 text-2xs text-muted">{t("bodyHint")}</p>
            <FieldError id={`${id}-body.text-e`} errors={err("body.text")} />
          </div>

          {params.length > 0 && (
            <fieldset>
              <legend className="mb-1 text-2xs font-medium text-fg-2">{t("examples")}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {params.map((k) => (
                  <div key={k}>
                    <label htmlFor={`${id}-ex-${k}`} className="text-2xs text-muted">
                      <code className="font-mono">{`{{${k}}}`}</code>
                    </label>
                    <input
                      id={`${id}-ex-${k}`}
                      className="field mt-0.5 h-8 text-ui"
                      value={s.examples[k] ?? ""}
                      aria-invalid={tried && !s.examples[k]?.trim() ? true : undefined}
                      onChange={(e) => set("examples", { ...s.examples, [k]: e.target.value })}
                    />
                  </div>
                ))}
              </div>
              <FieldError id={`${id}-body.example-e`} errors={[...(err("body.example") ?? []), ...(err("header.example") ?? [])]} />
            </fieldset>
          )}

          <div>
            <div className="flex items-baseline justify-between">
              <label htmlFor={`${id}-footer`} className="text-2xs font-medium text-fg-2">
                {t("footer")}
              </label>
              <Counter value={s.footer} max={LIMITS.footer} />
            </div>
            <input id={`${id}-footer`} className="field mt-1 h-8 text-ui" value={s.footer} placeholder={t("optional")} onChange={(e) => set("footer", e.target.value)} {...aria("footer.text")} />
            <FieldError id={`${id}-footer.text-e`} errors={err("footer.text")} />
          </div>

          <ButtonsEditor buttons={s.buttons} onChange={(buttons) => set("buttons", buttons)} err={err} aria={aria} idBase={id} />

          {(teams?.length ?? 0) > 0 && (
            <fieldset>
              <legend className="mb-1 text-2xs font-medium text-fg-2">{t("teams")}</legend>
              <p className="mb-1.5 text-2xs text-muted">{t("teamsHint")}</p>
              <div className="flex flex-wrap gap-x-4 gap-y-1.5 text-ui">
                {teams!.map((team) => (
                  <label key={team.id} className="inline-flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      checked={s.teamIds.includes(team.id)}
                      onChange={(e) => set("teamIds", e.target.checked ? [...s.teamIds, team.id] : s.teamIds.filter((x) => x !== team.id))}
                    />
                    {team.name}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        </div>

        <aside aria-label={t("preview")} className="lg:sticky lg:top-0 lg:self-start">
          <p className="mb-2 text-2xs font-medium text-muted">{t("preview")}</p>
          <div className="rounded-card bg-canvas p-4">
            <TemplatePreview rendered={rendered} markPlaceholders />
          </div>
          <p className="mt-2 text-2xs text-muted">{t("previewHint")}</p>
          {template && <TemplateHistory templateId={template.id} />}
        </aside>
      </div>
      <div className="flex items-center gap-2 border-t border-line px-4 py-3">
        <div className="mr-auto min-w-0 text-2xs" aria-live="polite">
          {tried && issues.length > 0 && <span className="text-danger">{t("issues", { count: issues.length })}</span>}
          {fieldGeneral && <span className="text-danger">{fieldGeneral.join(" ")}</span>}
          {mutation.isError && !Object.keys(serverErrors).length && <span className="text-danger">{errorText(mutation.error, t("saveFailed"))}</span>}
          {!tried && !mutation.isError && <span className="text-muted">{t("reviewNote")}</span>}
        </div>
        <button type="button" className="btn-ghost" onClick={() => onDone(null)}>
          {t("cancel")}
        </button>
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>
          {mutation.isPending && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
          {editing ? t("saveEdit") : t("submit")}
        </button>
      </div>
    </form>
  );
}
