"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { ArrowLeft, CircleExclamationPoint, LoaderCircle, SendHorizontal, Ticket } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { ApiError } from "@/lib/client/api";
import type { Booking } from "@/lib/bookings/schemas";
import type { TemplateValueInput } from "@/lib/messages/schemas";
import { useConversation } from "@/lib/client/use-conversation";
import { useSelectedBooking } from "@/lib/client/use-bookings";
import { useErrorText } from "@/lib/client/use-error-text";
import { changesOf, newestSeenId } from "@/lib/client/use-send-guard";
import { useQueryClient } from "@tanstack/react-query";
import { ChangedSince } from "./changed-since";
import { newClientMessageId } from "@/lib/client/use-send-reply";
import { useSendTemplate, useTemplates, type TemplateView } from "@/lib/client/use-templates";
import { useSnippets, type SnippetView } from "@/lib/client/use-snippets";
import { languageAutonym } from "@/lib/client/format";
import { missingParams, renderTemplate, templateParams, templatesOfAccount, type ParamValue, type TemplateValues } from "@/lib/templates/model";
import { prefillLocale, prefillTemplateValues } from "@/lib/templates/prefill";
import { TemplatePicker, templateTitle } from "@/components/templates/template-picker";
import { TemplatePreview } from "@/components/templates/template-preview";
import { TemplateFields, useParamLabel } from "@/components/templates/template-fields";

/**
 * The language the customer reads, for ordering templates: what WhatsApp told us (contact.locale),
 * else an Italian number's, else the agent's own. Only an ordering: the agent may pick any.
 */
export function customerLanguage(contact: { locale: string | null; phone: string | null } | undefined, uiLocale: string): string {
  if (contact?.locale) return contact.locale.slice(0, 2).toLowerCase();
  if (contact?.phone && /^\+?(39|378|379)/.test(contact.phone)) return "it";
  return uiLocale.slice(0, 2);
}

/**
 * The templates this agent may send in this conversation: those of the WhatsApp Business account
 * its number belongs to (another account's template would be refused by WhatsApp, and by the API).
 */
function useConversationTemplates(conversationId: string) {
  const query = useTemplates();
  const { data: detail } = useConversation(conversationId);
  const wabaId = detail?.channel.wabaId ?? null;
  const data = useMemo(() => (query.data ? templatesOfAccount(query.data, wabaId) : undefined), [query.data, wabaId]);
  return { ...query, data };
}

/** The templates a booking fills completely, in the customer's language first: one click to a ready form. */
export function useBookingSuggestions(conversationId: string, limit = 3) {
  const { booking } = useSelectedBooking(conversationId);
  const { data: detail } = useConversation(conversationId);
  // Always loaded with the composer: the picker (`/`) then opens on a ready list.
  const { data: templates } = useConversationTemplates(conversationId);
  const uiLocale = useLocale();
  return useMemo(() => {
    if (!booking || !templates) return [];
    const contact = detail?.contact;
    const lang = customerLanguage(contact, uiLocale);
    return templates
      .filter((t) => {
        if (templateParams(t).length === 0) return false;
        const doc = documentHeader(t);
        if (doc && !passAvailable(booking)) return false;
        const values = prefillTemplateValues({ template: t, booking, contact });
        if (doc) values[doc] = { type: "media", link: "boarding-pass" };
        return missingParams(t, values).length === 0;
      })
      .sort((a, b) => Number(b.language.slice(0, 2) === lang) - Number(a.language.slice(0, 2) === lang))
      .filter((t, i, all) => all.findIndex((o) => o.name === t.name) === i)
      .slice(0, limit);
  }, [booking, templates, detail?.contact, limit, uiLocale]);
}

/** A template whose header is a PDF document: the booking's boarding pass can fill it. */
const documentHeader = (t: Pick<TemplateView, "components">) => templateParams(t).find((p) => p.media === "document")?.id ?? null;
const passAvailable = (booking: Booking | null) => !!booking && booking.status !== "cancelled";

function useForm(template: TemplateView | null, booking: Booking | null, contact: { name: string; locale: string | null } | undefined, passLabel: string) {
  const [passenger, setPassenger] = useState(0);
  // The booking's boarding pass goes in a document header unless the agent attaches a link instead.
  const [usePass, setUsePass] = useState(true);
  const [leg, setLeg] = useState(0);
  // What the agent typed wins over the pre-fill; a new template or booking starts again.
  const [edits, setEdits] = useState<Record<string, ParamValue | null>>({});
  const key = `${template?.id}|${booking?.id}`;
  const [editsKey, setEditsKey] = useState(key);
  if (editsKey !== key) {
    setEditsKey(key);
    setEdits({});
  }
  const prefilled = useMemo(
    () => (template ? prefillTemplateValues({ template, booking, contact, legIndex: leg, passengerIndex: passenger }) : {}),
    [template, booking, contact, leg, passenger],
  );
  const passParam = template ? documentHeader(template) : null;
  const pass = passParam && usePass && passAvailable(booking) ? passParam : null;
  const values = useMemo(() => {
    const out: TemplateValues = { ...prefilled };
    for (const [k, v] of Object.entries(edits)) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
    // Made by the server when sent; the preview shows it by name.
    if (pass) out[pass] = { type: "media", link: "boarding-pass", filename: passLabel };
    return out;
  }, [prefilled, edits, pass, passLabel]);
  /** What the send carries: the pass as a request for one, the rest as typed. */
  const sendValues = (): Record<string, TemplateValueInput> => (pass ? { ...values, [pass]: { type: "boarding_pass", leg, passenger } } : values);
  return {
    values,
    sendValues,
    pass: passParam && passAvailable(booking) ? { on: usePass, set: setUsePass, param: passParam } : null,
    passenger,
    setPassenger,
    leg,
    setLeg,
    edit: (id: string, v: ParamValue | undefined) => setEdits((e) => ({ ...e, [id]: v ?? null })),
  };
}

/**
 * Templates in the composer: a searchable picker, then the chosen template's parameters pre-filled
 * from the booking picked in the contact panel and from the contact, a preview as the customer's
 * WhatsApp will show it, and Send — refused (and disabled) until every parameter has a value.
 * The only way to write outside the 24-hour window; welcome inside it.
 */
export function TemplateComposer({
  conversationId,
  initialQuery,
  initialTemplateId,
  onClose,
  onSent,
  onSnippet,
}: {
  conversationId: string;
  initialQuery?: string;
  initialTemplateId?: string;
  /** Back to free text (inside the window); absent when templates are the only way. */
  onClose?: () => void;
  onSent: () => void;
  /** Inside the window: snippets are offered too; choosing one hands its text to the reply box. */
  onSnippet?: (s: SnippetView) => void;
}) {
  const t = useTranslations("templates.composer");
  const errorText = useErrorText();
  const label = useParamLabel();
  const { data: templates, isLoading, isError, error } = useConversationTemplates(conversationId);
  const { data: snippets } = useSnippets(!!onSnippet);
  const { data: detail } = useConversation(conversationId);
  const contact = detail?.contact;
  const uiLocale = useLocale();
  const { booking } = useSelectedBooking(conversationId);
  const send = useSendTemplate(conversationId);
  const [chosenId, setChosenId] = useState<string | null>(initialTemplateId ?? null);
  const chosen = templates?.find((x) => x.id === chosenId) ?? null;
  const passenger0 = booking?.passengers[0];
  const form = useForm(chosen, booking, contact, t("passFile", { pnr: booking?.pnr ?? "", name: passenger0 ? passenger0.surname : "" }));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const missingId = useId();
  // One idempotency key per filled-in template: a retry after a lost answer stores one message.
  const clientIdRef = useRef<string | null>(null);
  // The send-time guard: what was in view when the template composer opened.
  const client = useQueryClient();
  const [seenUpTo, setSeenUpTo] = useState(() => newestSeenId(client, conversationId));

  const params = useMemo(() => (chosen ? templateParams(chosen) : []), [chosen]);
  const missing = useMemo(() => (chosen ? missingParams(chosen, form.values) : []), [chosen, form.values]);
  const missingIds = useMemo(() => new Set(missing.map((p) => p.id)), [missing]);
  const rendered = useMemo(() => (chosen ? renderTemplate(chosen, form.values) : null), [chosen, form.values]);
  const locale = chosen ? prefillLocale(chosen.language, contact?.locale) : "en";

  // Chosen: the first empty field takes the focus, or Send when the booking filled everything.
  useEffect(() => {
    if (!chosen) return;
    const el = formRef.current;
    const first = missing[0];
    const firstEmpty = first ? el?.querySelector<HTMLElement>(`[data-param="${CSS.escape(first.id)}"]`) : null;
    (firstEmpty ?? el?.querySelector<HTMLElement>('button[type="submit"]'))?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new choice only
  }, [chosen?.id]);

  function pick(tpl: TemplateView) {
    clientIdRef.current = null;
    setFieldErrors({});
    send.reset();
    setChosenId(tpl.id);
  }

  function submit(e: React.FormEvent | null, force = false) {
    e?.preventDefault();
    if (!chosen || missing.length || send.isPending) return;
    setFieldErrors({});
    send.mutate(
      { templateId: chosen.id, values: form.sendValues(), bookingId: booking?.id, clientMessageId: (clientIdRef.current ??= newClientMessageId()), seenUpTo, force },
      {
        onSuccess: () => {
          clientIdRef.current = null;
          setChosenId(null);
          onSent();
          onClose?.();
        },
        onError: (err) => setFieldErrors((err as ApiError).fields ?? {}),
      },
    );
  }

  if (!chosen) {
    return (
      <div>
        {isError ? (
          <p role="alert" className="rounded-card border border-danger/25 bg-danger-soft px-3 py-2 text-ui text-danger">
            {errorText(error, t("loadFailed"))}
          </p>
        ) : (
          <TemplatePicker templates={templates ?? []} snippets={onSnippet ? snippets : undefined} onPickSnippet={onSnippet} loading={isLoading} initialQuery={initialQuery} preferredLanguage={customerLanguage(contact, uiLocale)} onPick={pick} onClose={onClose} autoFocus={!!onClose} />
        )}
      </div>
    );
  }

  const missingNames = missing.map((p) => label(p, chosen)).join(", ");
  return (
    <form ref={formRef} onSubmit={submit} aria-label={t("form")} className="@container rounded-card border border-line-strong bg-surface shadow-xs">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        <button
          type="button"
          className="btn-icon h-7 w-7"
          aria-label={t("change")}
          title={t("change")}
          onClick={() => {
            setChosenId(null);
            setFieldErrors({});
          }}
        >
          <ArrowLeft className="size-4" aria-hidden />
        </button>
        <h3 className="text-ui font-semibold">{templateTitle(chosen.name)}</h3>
        <span className="pill bg-accent-soft text-accent-soft-fg" title={languageAutonym(chosen.language)}>
          {chosen.language.replace("_", "-")}
        </span>
        {booking && (
          <span className="ml-auto inline-flex items-center gap-1 text-2xs text-muted">
            <Ticket className="size-3.5" aria-hidden />
            {t("fromBooking", { pnr: booking.pnr })}
            {booking.passengers.length > 1 && (
              <select aria-label={t("passenger")} className="select-ctl ml-1 h-6" value={form.passenger} onChange={(e) => form.setPassenger(Number(e.target.value))}>
                {booking.passengers.map((p, i) => (
                  <option key={i} value={i}>
                    {p.givenName} {p.surname}
                  </option>
                ))}
              </select>
            )}
            {booking.legs.length > 1 && (
              <select aria-label={t("leg")} className="select-ctl ml-1 h-6" value={form.leg} onChange={(e) => form.setLeg(Number(e.target.value))}>
                {booking.legs.map((l, i) => (
                  <option key={i} value={i}>
                    {l.operatingCarrier} {l.flightNumber} {l.from}→{l.to}
                  </option>
                ))}
              </select>
            )}
          </span>
        )}
      </div>
      <div className="grid max-h-[min(58vh,560px)] gap-4 overflow-y-auto p-3 @lg:grid-cols-[minmax(0,1fr)_minmax(0,300px)]">
        <div className="@container">
          {params.length === 0 ? (
            <p className="text-ui text-muted">{t("noFields")}</p>
          ) : (
            <TemplateFields
              template={chosen}
              params={params}
              values={form.values}
              locale={locale}
              missing={missingIds}
              fieldErrors={fieldErrors}
              onChange={form.edit}
              boardingPass={form.pass ? { param: form.pass.param, on: form.pass.on, onToggle: form.pass.set, label: t("passFrom", { pnr: booking!.pnr }) } : undefined}
            />
          )}
        </div>
        {/* Narrow: what the customer will read comes first; the pre-filled values follow. */}
        <figure className="order-first rounded-card bg-canvas p-3 @lg:order-none">
          <figcaption className="mb-2 text-2xs font-medium text-muted">{t("preview")}</figcaption>
          {rendered && <TemplatePreview rendered={rendered} markPlaceholders />}
        </figure>
      </div>
      {changesOf(send.error) ? (
        <div className="mx-3">
          <ChangedSince changes={changesOf(send.error)!} onSendAnyway={() => submit(null, true)} onEdit={() => { setSeenUpTo(newestSeenId(client, conversationId)); send.reset(); }} />
        </div>
      ) : send.isError && !Object.keys(fieldErrors).length && (
        <p role="alert" className="mx-3 mb-2 flex items-start gap-1.5 text-ui text-danger">
          <CircleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
          {errorText(send.error, t("sendFailed"))}
        </p>
      )}
      <div className="flex items-center justify-end gap-2 border-t border-line px-3 py-2">
        <p id={missingId} aria-live="polite" className="mr-auto min-w-0 text-2xs text-warning">
          {missing.length > 0 && t("missing", { count: missing.length, names: missingNames })}
        </p>
        {onClose && (
          <button type="button" className="btn-ghost h-8" onClick={onClose}>
            {t("cancel")}
          </button>
        )}
        <button type="submit" className="btn-primary h-8" disabled={missing.length > 0 || send.isPending} aria-describedby={missing.length ? missingId : undefined}>
          {send.isPending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <SendHorizontal className="size-3.5" aria-hidden />}
          {t("send")}
        </button>
      </div>
    </form>
  );
}
