"use client";

import { useId, useRef, useState } from "react";
import { CircleExclamationPoint, FileText, LoaderCircle, SendHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import { newClientMessageId } from "@/lib/client/use-send-reply";
import { useSendTemplate, useTemplates, type TemplateOption } from "@/lib/client/use-templates";
import { cn } from "@/lib/client/cn";
import { languageAutonym } from "@/lib/client/format";

/** The words around a placeholder ("… prenotazione ___ è …"), so the agent knows what goes there. */
function contextOf(body: string, key: string): string | null {
  const m = new RegExp(`(\\S+\\s+)?(\\S*)\\{\\{\\s*${key}\\s*\\}\\}(\\S*)(\\s+\\S+)?`).exec(body);
  if (!m) return null;
  const others = (t: string) => t.replace(/\{\{\s*\w+\s*\}\}/g, "…");
  const before = others(`${m[1] ?? ""}${m[2] ?? ""}`).trimStart();
  const after = others(`${m[3] ?? ""}${m[4] ?? ""}`).trimEnd();
  return before || after ? `“${before}___${after}”` : null;
}

const pretty = (name: string) => name.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());

function preview(t: TemplateOption, values: string[]): React.ReactNode[] {
  return t.body.split(/(\{\{\s*\w+\s*\}\})/g).map((part, i) => {
    const key = /^\{\{\s*(\w+)\s*\}\}$/.exec(part)?.[1];
    if (!key) return part;
    const value = values[t.params.indexOf(key)]?.trim();
    return (
      <mark key={i} className={cn("rounded-sm px-0.5", value ? "bg-accent-soft text-accent-soft-fg" : "bg-warning-soft text-warning")}>
        {value || `{{${key}}}`}
      </mark>
    );
  });
}

/**
 * The composer when free text cannot be delivered (outside the 24-hour window): pick an approved
 * template, fill in its fields, see exactly what the customer will read, send.
 */
export function TemplateComposer({ conversationId, onSent }: { conversationId: string; onSent: () => void }) {
  const t = useTranslations("templates");
  const errorText = useErrorText();
  const { data: templates, isLoading, isError, error } = useTemplates();
  const send = useSendTemplate(conversationId);
  const [key, setKey] = useState<string>("");
  const [values, setValues] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const id = useId();
  // One idempotency key per filled-in template: a retry after a lost answer stores one message,
  // never two (a template is billed). A new choice or new values make a new message.
  const clientIdRef = useRef<string | null>(null);
  const chosen = templates?.find((t) => t.key === key);
  const missing = chosen ? chosen.params.some((_, i) => !values[i]?.trim()) : true;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!chosen || missing || send.isPending) return;
    setFieldErrors({});
    send.mutate(
      { name: chosen.name, language: chosen.language, params: chosen.params.map((_, i) => values[i]!.trim()), clientMessageId: (clientIdRef.current ??= newClientMessageId()) },
      {
        onSuccess: () => {
          clientIdRef.current = null;
          setKey("");
          setValues([]);
          onSent();
        },
        onError: (err) => setFieldErrors((err as ApiError).fields ?? {}),
      },
    );
  }

  return (
    <form onSubmit={submit} aria-label={t("form")} className="rounded-card border border-line-strong bg-surface p-3 shadow-xs">
      <div className="flex flex-wrap items-center gap-2">
        <FileText className="size-4 shrink-0 text-muted" aria-hidden />
        <label htmlFor={`${id}-t`} className="text-ui font-medium">
          {t("label")}
        </label>
        <select
          id={`${id}-t`}
          className="select-ctl h-8 min-w-56 flex-1 text-ui"
          value={key}
          disabled={isLoading || isError}
          onChange={(e) => {
            setKey(e.target.value);
            setValues([]);
            clientIdRef.current = null;
            setFieldErrors({});
          }}
        >
          <option value="">{isLoading ? t("loading") : t("choose")}</option>
          {(templates ?? []).map((t) => (
            <option key={t.key} value={t.key}>
              {pretty(t.name)} · {languageAutonym(t.language)}
            </option>
          ))}
        </select>
      </div>
      {isError && (
        <p role="alert" className="mt-2 text-ui text-danger">
          {errorText(error, t("loadFailed"))}
        </p>
      )}

      {chosen && (
        <div className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <div className="space-y-2">
            {chosen.params.length === 0 && <p className="text-ui text-muted">{t("noFields")}</p>}
            {chosen.params.map((p, i) => (
              <div key={p}>
                <label htmlFor={`${id}-p${i}`} className="mb-1 flex min-w-0 items-baseline gap-1.5 text-2xs font-medium text-muted">
                  <span className="shrink-0 whitespace-nowrap">{t("valueFor", { placeholder: `{{${p}}}` })}</span>
                  {contextOf(chosen.body, p) && (
                    <span id={`${id}-h${i}`} className="min-w-0 truncate font-normal text-subtle" title={contextOf(chosen.body, p) ?? undefined}>
                      {contextOf(chosen.body, p)}
                    </span>
                  )}
                </label>
                <input
                  id={`${id}-p${i}`}
                  className="field h-8 text-ui"
                  value={values[i] ?? ""}
                  maxLength={200}
                  autoFocus={i === 0}
                  onChange={(e) => {
                    clientIdRef.current = null;
                    setValues((v) => Object.assign([...v], { [i]: e.target.value }));
                  }}
                  aria-invalid={!!fieldErrors[`params.${i}`]}
                />
                {fieldErrors[`params.${i}`] && <p className="mt-1 text-2xs text-danger">{fieldErrors[`params.${i}`]![0]}</p>}
              </div>
            ))}
          </div>
          <figure className="rounded-ctl bg-bubble-out px-3 py-2 text-sm leading-[1.45]">
            <figcaption className="sr-only">{t("preview")}</figcaption>
            {chosen.header && <p className="mb-1 font-semibold">{chosen.header}</p>}
            <p className="break-words whitespace-pre-wrap">{preview(chosen, values)}</p>
            {chosen.footer && <p className="mt-1 text-2xs text-muted">{chosen.footer}</p>}
            {chosen.buttons.length > 0 && (
              <div className="mt-2 flex flex-wrap gap-1 border-t border-line pt-2">
                {chosen.buttons.map((b) => (
                  <span key={b} className="pill bg-surface text-accent-text">
                    {b}
                  </span>
                ))}
              </div>
            )}
          </figure>
        </div>
      )}

      {send.isError && !Object.keys(fieldErrors).some((k) => k.startsWith("params.")) && (
        <p role="alert" className="mt-2 flex items-start gap-1.5 text-ui text-danger">
          <CircleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
          {errorText(send.error, t("sendFailed"))}
        </p>
      )}
      <div className="mt-3 flex items-center justify-end gap-2">
        {chosen && missing && chosen.params.length > 0 && <span className="text-2xs text-muted">{t("fillAll")}</span>}
        <button type="submit" className="btn-primary h-8" disabled={!chosen || missing || send.isPending}>
          {send.isPending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <SendHorizontal className="size-3.5" aria-hidden />}
          {t("send")}
        </button>
      </div>
    </form>
  );
}
