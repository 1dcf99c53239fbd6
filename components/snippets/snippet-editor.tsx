"use client";

import { useId, useMemo, useRef, useState } from "react";
import { LoaderCircle, Trash2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { isApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { useFormat } from "@/lib/client/use-format";
import { useCreateSnippet, useDeleteSnippet, useUpdateSnippet, type SnippetDraft, type SnippetView } from "@/lib/client/use-snippets";
import { languageAutonym } from "@/lib/client/format";
import { SNIPPET_LANGUAGES } from "@/lib/snippets/schemas";
import { cn } from "@/lib/client/cn";
import { FieldError } from "@/components/templates/template-buttons-editor";
import { changedFields, draftOf, normalizeShortcut, SNIPPET_LIMITS, snippetIssues, type SnippetField } from "./snippet-draft";
import { SnippetPreview } from "./snippet-preview";

const label = "mb-1 block text-2xs font-medium text-fg-2";

/**
 * Create, edit or delete a snippet, with the reply as the customer will read it. The API's rules
 * are checked as the lead types (shown once they try to save); the server's answers (a shortcut
 * already taken) land under the field they concern. Esc cancels.
 */
export function SnippetEditor({ snippet, onSaved, onClose }: { snippet: SnippetView | null; onSaved: (saved: SnippetView) => void; onClose: () => void }) {
  const t = useTranslations("snippets.editor");
  const errorText = useErrorText();
  const fmt = useFormat();
  const uid = useId();
  const [id, setId] = useState(snippet?.id ?? null);
  const [base, setBase] = useState<SnippetDraft>(() => draftOf(snippet));
  const [s, setS] = useState<SnippetDraft>(base);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<SnippetField, string[]>>>({});
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const create = useCreateSnippet();
  const update = useUpdateSnippet(id ?? "");
  const remove = useDeleteSnippet();
  const mutation = id ? update : create;

  const issues = useMemo(() => snippetIssues(s), [s]);
  const issueCount = Object.keys(issues).length;
  const errors = (f: SnippetField): string[] | undefined => {
    const out = [...(tried && issues[f] ? [t(`rules.${issues[f]!.rule}`, { max: fmt.number(issues[f]!.max ?? 0) })] : []), ...(serverErrors[f] ?? [])];
    return out.length ? out : undefined;
  };
  const aria = (f: SnippetField, hint?: string) => {
    const describedBy = [hint, errors(f) && `${uid}-${f}-e`].filter(Boolean).join(" ");
    return { "aria-invalid": !!errors(f) || undefined, "aria-describedby": describedBy || undefined };
  };

  const set = <K extends keyof SnippetDraft>(key: K, value: SnippetDraft[K]) => {
    setS((cur) => ({ ...cur, [key]: value }));
    setServerErrors((cur) => ({ ...cur, [key]: undefined }));
    setSaved(false);
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (issueCount) {
      // Take the lead to the first thing to fix.
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-snippet-editor] [aria-invalid="true"]`)?.focus());
      return;
    }
    const draft: SnippetDraft = { shortcut: s.shortcut.trim(), title: s.title.trim(), language: s.language, body: s.body.trim() };
    const onSuccess = (view: SnippetView) => {
      const next = draftOf(view);
      setId(view.id);
      setBase(next);
      setS(next);
      setTried(false);
      setSaved(true);
      onSaved(view);
    };
    const onError = (error: Error) => {
      const fields: Partial<Record<SnippetField, string[]>> = isApiError(error) ? { ...(error.fields as Partial<Record<SnippetField, string[]>>) } : {};
      // A shortcut already taken is said in the lead's language, with the shortcut.
      if (isApiError(error) && error.reason === "snippet.duplicate") fields.shortcut = [errorText(error)];
      setServerErrors(fields);
    };
    if (!id) return create.mutate(draft, { onSuccess, onError });
    const patch = changedFields(base, draft);
    if (!Object.keys(patch).length) return setSaved(true);
    update.mutate(patch, { onSuccess, onError });
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key !== "Escape" || e.nativeEvent.isComposing) return;
    e.preventDefault();
    if (confirming) {
      setConfirming(false);
      requestAnimationFrame(() => deleteRef.current?.focus());
    } else onClose();
  }

  const fieldErrorShown = Object.keys(serverErrors).some((k) => serverErrors[k as SnippetField]?.length);
  const title = id ? t("editTitle") : t("newTitle");

  return (
    <form data-snippet-editor onSubmit={submit} onKeyDown={onKeyDown} aria-label={title} noValidate className="@container flex h-full min-h-0 flex-col">
      <div className="flex items-center gap-2 border-b border-line px-4 py-3">
        <h2 className="truncate text-sm font-semibold">{title}</h2>
        {id && <code className="truncate font-mono text-ui text-muted">/{base.shortcut}</code>}
        <button type="button" className="btn-icon ml-auto" onClick={onClose} aria-label={t("close")}>
          <X className="size-4" aria-hidden />
        </button>
      </div>
      <div className="grid min-h-0 flex-1 content-start gap-6 overflow-y-auto px-4 py-4 @2xl:grid-cols-[minmax(0,1fr)_280px]">
        <div className="space-y-4">
          <div className="grid gap-3 @md:grid-cols-2">
            <div>
              <label htmlFor={`${uid}-shortcut`} className={label}>
                {t("shortcut")}
              </label>
              <div className="relative">
                <span className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 font-mono text-ui text-muted" aria-hidden>
                  /
                </span>
                <input
                  id={`${uid}-shortcut`}
                  className="field h-8 pl-5 font-mono text-ui"
                  value={s.shortcut}
                  placeholder="greeting"
                  autoComplete="off"
                  spellCheck={false}
                  autoCapitalize="none"
                  maxLength={33}
                  // Where the lead's eyes and keyboard go first.
                  autoFocus
                  onChange={(e) => set("shortcut", normalizeShortcut(e.target.value))}
                  {...aria("shortcut", `${uid}-shortcut-h`)}
                />
              </div>
              <p id={`${uid}-shortcut-h`} className="mt-1 text-2xs text-muted">
                {t("shortcutHint", { shortcut: s.shortcut || "…" })}
              </p>
              <FieldError id={`${uid}-shortcut-e`} errors={errors("shortcut")} />
            </div>
            <div>
              <label htmlFor={`${uid}-language`} className={label}>
                {t("language")}
              </label>
              <select
                id={`${uid}-language`}
                className="select-ctl h-8 w-full"
                value={s.language ?? ""}
                onChange={(e) => set("language", (e.target.value || null) as SnippetDraft["language"])}
                {...aria("language", `${uid}-language-h`)}
              >
                <option value="">{t("anyLanguage")}</option>
                {SNIPPET_LANGUAGES.map((l) => (
                  <option key={l} value={l} lang={l}>
                    {languageAutonym(l)}
                  </option>
                ))}
              </select>
              <p id={`${uid}-language-h`} className="mt-1 text-2xs text-muted">
                {t("languageHint")}
              </p>
              <FieldError id={`${uid}-language-e`} errors={errors("language")} />
            </div>
          </div>
          <div>
            <label htmlFor={`${uid}-title`} className={label}>
              {t("title")}
            </label>
            <input id={`${uid}-title`} className="field h-8 text-ui" value={s.title} placeholder={t("titlePlaceholder")} maxLength={SNIPPET_LIMITS.title + 20} onChange={(e) => set("title", e.target.value)} {...aria("title")} />
            <FieldError id={`${uid}-title-e`} errors={errors("title")} />
          </div>
          <div>
            <div className="flex items-baseline justify-between gap-2">
              <label htmlFor={`${uid}-body`} className="text-2xs font-medium text-fg-2">
                {t("body")}
              </label>
              <span id={`${uid}-body-c`} className={cn("text-2xs tabular-nums", s.body.trim().length > SNIPPET_LIMITS.body ? "text-danger" : "text-muted")}>
                <span aria-hidden>{`${fmt.number(s.body.length)} / ${fmt.number(SNIPPET_LIMITS.body)}`}</span>
                <span className="sr-only">{t("count", { count: fmt.number(s.body.length), max: fmt.number(SNIPPET_LIMITS.body) })}</span>
              </span>
            </div>
            <textarea
              id={`${uid}-body`}
              rows={9}
              className="field mt-1 h-auto min-h-40 resize-y py-2 text-ui leading-[1.45]"
              value={s.body}
              placeholder={t("bodyPlaceholder")}
              onChange={(e) => set("body", e.target.value)}
              {...aria("body", `${uid}-body-h ${uid}-body-c`)}
            />
            <p id={`${uid}-body-h`} className="mt-1 text-2xs text-muted">
              {t("bodyHint")}
            </p>
            <FieldError id={`${uid}-body-e`} errors={errors("body")} />
          </div>
        </div>
        <aside aria-label={t("preview")} className="@2xl:sticky @2xl:top-0 @2xl:self-start">
          <p className="mb-2 text-2xs font-medium text-muted">{t("preview")}</p>
          <div className="rounded-card bg-canvas p-4">
            <SnippetPreview text={s.body} empty={t("previewEmpty")} />
          </div>
          <p className="mt-2 text-2xs text-muted">{t("previewHint")}</p>
        </aside>
      </div>
      {confirming && id && (
        <div role="alertdialog" aria-labelledby={`${uid}-del-t`} aria-describedby={`${uid}-del-b`} className="mx-4 mb-3 rounded-lg border border-danger/25 bg-danger-soft p-3">
          <p id={`${uid}-del-t`} className="text-ui font-semibold text-fg">
            {t("deleteTitle")}
          </p>
          <p id={`${uid}-del-b`} className="mt-0.5 text-2xs text-fg-2">
            {t("deleteBody", { shortcut: base.shortcut })}
          </p>
          {remove.isError && (
            <p role="alert" className="mt-1 text-2xs text-danger">
              {errorText(remove.error, t("deleteFailed"))}
            </p>
          )}
          <div className="mt-2 flex justify-end gap-1.5">
            <button type="button" className="btn-ghost h-7 px-2 text-2xs" autoFocus onClick={() => setConfirming(false)}>
              {t("keep")}
            </button>
            <button type="button" className="btn h-7 bg-danger px-2 text-2xs text-white hover:bg-danger/90" disabled={remove.isPending} onClick={() =>
                // Not mutate's onSuccess: the list drops the snippet (and this editor) before that would run.
                remove.mutateAsync(id).then(onClose, () => {})
              }>
              {remove.isPending && <LoaderCircle className="size-3 animate-spin" aria-hidden />}
              {t("deleteConfirm")}
            </button>
          </div>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2 border-t border-line px-4 py-3">
        {id && (
          <button ref={deleteRef} type="button" className="btn-ghost px-2 hover:text-danger" onClick={() => setConfirming(true)} disabled={confirming} aria-expanded={confirming}>
            <Trash2 className="size-3.5" aria-hidden />
            {t("delete")}
          </button>
        )}
        <div className="mr-auto min-w-0 text-2xs" aria-live="polite">
          {tried && issueCount > 0 && <span className="text-danger">{t("issues", { count: issueCount })}</span>}
          {mutation.isError && !fieldErrorShown && <span className="text-danger">{errorText(mutation.error, t("saveFailed"))}</span>}
          {saved && !mutation.isError && <span className="text-accent-text">{t("saved")}</span>}
          {!tried && !saved && !mutation.isError && <span className="hidden text-muted sm:inline">{t("escHint")}</span>}
        </div>
        <button type="button" className="btn-ghost" onClick={onClose}>
          {t("cancel")}
        </button>
        <button type="submit" className="btn-primary" disabled={mutation.isPending}>
          {mutation.isPending && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
          {id ? t("save") : t("create")}
        </button>
      </div>
    </form>
  );
}
