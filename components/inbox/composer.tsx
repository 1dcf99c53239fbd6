"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { CircleExclamationPoint, Clock3, CreditCard, FileText, Info, RotateCcw, SendHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { MAX_TEXT_LENGTH } from "@/lib/messages/schemas";
import { newClientMessageId, useSendReply } from "@/lib/client/use-send-reply";
import { useTypingPresence } from "@/lib/client/use-presence";
import { useSendGuard } from "@/lib/client/use-send-guard";
import { useErrorText } from "@/lib/client/use-error-text";
import { useFormat } from "@/lib/client/use-format";
import { useNow } from "@/lib/client/use-now";
import { useCan } from "@/lib/client/use-me";
import { WINDOW_MS, windowClosed, type ReplyWindow } from "@/lib/client/reply-window";
import { cn } from "@/lib/client/cn";
import { useQuote } from "./quote-context";
import { QuoteBar } from "./quote-bar";
import { ChangedSince } from "./changed-since";
import { TemplateComposer, useBookingSuggestions } from "./template-composer";
import { templateTitle } from "@/components/templates/template-picker";
import { PaymentComposer } from "@/components/payments/payment-composer";

// Drafts survive switching conversations (for this tab's lifetime).
const drafts = new Map<string, string>();

/** WhatsApp's 24-hour customer service window, said plainly. */
function WindowHint({ window: win, lastInboundAt }: { window: ReplyWindow | null; lastInboundAt: string | null }) {
  const now = useNow(30_000);
  const t = useTranslations("composer");
  const fmt = useFormat();
  const expiresAt = win?.expiresAt ?? (lastInboundAt ? new Date(new Date(lastInboundAt).getTime() + WINDOW_MS).toISOString() : null);
  const left = expiresAt ? new Date(expiresAt).getTime() - now.getTime() : 0;
  if (!expiresAt || left <= 0) return null;
  const minutes = Math.floor(left / 60_000);
  return (
    <span className={cn(minutes < 120 ? "text-warning" : "text-muted")} title={t("windowTitle")}>
      {t("windowLeft", { duration: fmt.compactDuration(minutes) })}
    </span>
  );
}

export function Composer({
  conversationId,
  lastInboundAt,
  window: win,
  windowKnown = true,
  onSent,
  tabs,
}: {
  conversationId: string;
  lastInboundAt: string | null;
  window: ReplyWindow | null;
  /** False until the conversation has loaded: "not known yet" must not read as "closed". */
  windowKnown?: boolean;
  onSent: () => void;
  /** Reply / Note switch (work-area.tsx), shown on top of every state of the composer. */
  tabs?: React.ReactNode;
}) {
  const t = useTranslations("composer");
  const fmt = useFormat();
  const errorText = useErrorText();
  const [text, setText] = useState(() => drafts.get(conversationId) ?? "");
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const { mutate, isPending } = useSendReply(conversationId);
  const { quote, setQuote, focusTick } = useQuote();
  const tTemplates = useTranslations("templates.composer");
  // Templates inside the window: `/` at the start of an empty box, the Templates button, or a
  // suggestion for the selected booking (one click to a filled-in form).
  const [templates, setTemplates] = useState<{ query?: string; templateId?: string } | null>(null);
  const suggestions = useBookingSuggestions(conversationId);
  // "Request payment": its own panel in place of the reply box, inside the window or outside it
  // (outside, the server sends the approved payment_request template).
  const [paying, setPaying] = useState(false);
  const canRequestPayment = useCan("payment:create");
  const tPay = useTranslations("payments.composer");
  // Teammates see "typing…" and, through the same heartbeat, so does the customer on WhatsApp.
  const { typing: signalTyping, stopTyping } = useTypingPresence(conversationId);
  const guard = useSendGuard(conversationId, text);

  // The agent chose "Reply" on a message: they are about to type. A composer mounted later
  // (after reopening, say) must not take the focus for a click it never saw.
  const seenTick = useRef(focusTick);
  useEffect(() => {
    if (focusTick === seenTick.current) return;
    seenTick.current = focusTick;
    ref.current?.focus();
  }, [focusTick]);

  useEffect(() => {
    if (text) drafts.set(conversationId, text);
    else drafts.delete(conversationId);
  }, [conversationId, text]);

  // Grow with the text, up to a limit.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 220)}px`;
  }, [text]);

  const tooLong = text.length > MAX_TEXT_LENGTH;
  const now = useNow(30_000);
  const closed = windowKnown && windowClosed(win, lastInboundAt, now);

  const send = (force = false) => {
    const body = text.trim();
    if (!body || tooLong) return;
    setError(null);
    guard.dismiss();
    stopTyping();
    const seenUpTo = guard.seenUpTo();
    setText("");
    // The quote goes with the reply (the thread shows it on the queued copy at once).
    const sentQuote = quote;
    setQuote(null);
    const vars = { text: body, clientMessageId: newClientMessageId(), createdAt: new Date().toISOString(), replyToMessageId: sentQuote?.id, seenUpTo, force };
    onSent();
    mutate(vars, {
      onError: (err) => {
        // Give the words back: nothing typed is ever lost.
        setText((current) => (current.trim() ? `${vars.text}\n${current}` : vars.text));
        // ...and the quote, unless the agent has started another one meanwhile.
        if (sentQuote) setQuote((current) => current ?? sentQuote);
        // A teammate wrote meanwhile: show what, with "Send anyway" and "Edit" (send-time guard).
        if (!guard.refused(err)) setError(errorText(err, t("sendFailed")));
      },
    });
  };

  if (paying) {
    return (
      <div className="shrink-0 border-t border-line bg-surface px-4 pt-3 pb-2.5 sm:px-6">
        <PaymentComposer
          conversationId={conversationId}
          onSent={onSent}
          onClose={() => {
            setPaying(false);
            requestAnimationFrame(() => ref.current?.focus());
          }}
        />
      </div>
    );
  }

  const requestPaymentButton = canRequestPayment && (
    <button type="button" className="btn-ghost h-7 px-2 text-2xs" onClick={() => setPaying(true)} title={tPay("openHint")}>
      <CreditCard className="size-3.5" aria-hidden />
      {tPay("open")}
    </button>
  );

  // Free text would only fail with 131047 (and the server refuses it with 409): offer templates.
  // A draft typed earlier stays in `drafts` for when the customer writes again.
  if (closed) {
    return (
      <div className="shrink-0 border-t border-line bg-surface px-4 pt-3 pb-2.5 sm:px-6">
        {tabs}
        <div className="mb-2 flex items-start gap-2 rounded-ctl border border-warning/25 bg-warning-soft px-3 py-2 text-ui text-warning">
          <Clock3 className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            {lastInboundAt ? t("windowClosed") : t("neverWrote")}
            {text.trim() ? ` ${t("draftKept")}` : ""}
          </p>
        </div>
        {requestPaymentButton && <div className="mb-2 flex justify-end">{requestPaymentButton}</div>}
        <TemplateComposer conversationId={conversationId} onSent={onSent} />
      </div>
    );
  }

  if (templates) {
    return (
      <div className="shrink-0 border-t border-line bg-surface px-4 pt-3 pb-2.5 sm:px-6">
        {tabs}
        <TemplateComposer
          conversationId={conversationId}
          initialQuery={templates.query}
          initialTemplateId={templates.templateId}
          onSent={onSent}
          onClose={() => {
            setTemplates(null);
            requestAnimationFrame(() => ref.current?.focus());
          }}
          onSnippet={(sn) => {
            // The snippet's words join what was typed; the agent reads them over and sends.
            setText((cur) => (cur.trim() ? `${cur.trimEnd()} ${sn.body}` : sn.body));
            setTemplates(null);
            requestAnimationFrame(() => {
              const el = ref.current;
              if (!el) return;
              el.focus();
              el.setSelectionRange(el.value.length, el.value.length);
            });
          }}
        />
      </div>
    );
  }

  return (
    <form
      className="@container shrink-0 border-t border-line bg-surface px-4 pt-3 pb-2.5 sm:px-6"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {tabs}
      {guard.changes && (
        <ChangedSince
          changes={guard.changes}
          pending={isPending}
          onSendAnyway={() => send(true)}
          onEdit={() => {
            guard.acknowledge();
            ref.current?.focus();
          }}
        />
      )}
      {error && (
        <div role="alert" className="mb-2 flex items-start gap-2 rounded-ctl border border-danger/25 bg-danger-soft px-3 py-2 text-ui text-danger">
          <CircleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>{error}</p>
        </div>
      )}
      {suggestions.length > 0 && (
        <div className="mb-2 flex flex-wrap items-center gap-1.5 text-2xs text-muted">
          <span>{tTemplates("suggested")}</span>
          {suggestions.map((s) => (
            <button key={s.id} type="button" className="btn-secondary h-6 px-2 text-2xs" onClick={() => setTemplates({ templateId: s.id })}>
              <FileText className="size-3" aria-hidden />
              {templateTitle(s.name)} · {s.language.slice(0, 2).toUpperCase()}
            </button>
          ))}
        </div>
      )}
      <div className="rounded-card border border-line-strong bg-surface shadow-xs transition-shadow focus-within:border-transparent focus-within:ring-2 focus-within:ring-ring">
        {quote && (
          <QuoteBar
            quote={quote}
            onCancel={() => {
              setQuote(null);
              ref.current?.focus();
            }}
          />
        )}
        <textarea
          ref={ref}
          data-reply-box
          aria-label={t("label")}
          rows={2}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) signalTyping();
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "/" && !text && !e.nativeEvent.isComposing) {
              // `/` on an empty box: the template picker (a `/` mid-text is just a slash).
              e.preventDefault();
              setTemplates({ query: "" });
            } else if (e.key === "Enter" && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            } else if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              // The first Esc drops the quote and keeps the agent typing; the next one leaves the box.
              if (quote) setQuote(null);
              else e.currentTarget.blur();
            }
          }}
          placeholder={t("placeholder")}
          className="block max-h-[220px] min-h-[44px] w-full resize-none bg-transparent px-3 pt-2.5 pb-1 text-sm leading-[1.45] text-fg outline-none placeholder:text-subtle"
        />
        <div className="flex items-center gap-2 px-2 pb-2">
          <button type="button" className="btn-ghost h-7 px-2 text-2xs" onClick={() => setTemplates({ query: "" })} aria-keyshortcuts="/" title={tTemplates("openHint")}>
            <FileText className="size-3.5" aria-hidden />
            {tTemplates("open")}
          </button>
          {requestPaymentButton}
          <span className="hidden pl-1 text-2xs whitespace-nowrap text-subtle @2xl:inline">
            {t.rich("keys", { kbd: (chunks) => <kbd className="kbd">{chunks}</kbd> })}
          </span>
          {text.length > MAX_TEXT_LENGTH - 200 && (
            <span className={cn("ml-auto text-2xs tabular-nums", tooLong ? "text-danger" : "text-muted")}>
              {t("length", { count: fmt.number(text.length), max: fmt.number(MAX_TEXT_LENGTH) })}
            </span>
          )}
          <button type="submit" className={cn("btn-primary h-7 px-3", text.length <= MAX_TEXT_LENGTH - 200 && "ml-auto")} disabled={!text.trim() || tooLong} aria-busy={isPending}>
            {t("send")}
            <SendHorizontal className="size-3.5" aria-hidden />
          </button>
        </div>
      </div>
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-2xs text-muted">
        <span className="inline-flex items-center gap-1">
          <Info className="size-3 shrink-0" aria-hidden />
          {t("queued")}
        </span>
        <WindowHint window={win} lastInboundAt={lastInboundAt} />
      </p>
    </form>
  );
}

export function ResolvedNotice({ onReopen, pending }: { onReopen: () => void; pending: boolean }) {
  const t = useTranslations("composer");
  return (
    <div className="flex shrink-0 items-center gap-3 border-t border-line bg-surface px-4 py-3.5 sm:px-6">
      <p className="flex-1 text-ui text-muted">{t("resolved")}</p>
      <button type="button" className="btn-primary" onClick={onReopen} disabled={pending}>
        <RotateCcw className="size-3.5" aria-hidden />
        {t("reopen")}
      </button>
    </div>
  );
}
