"use client";

import { CircleExclamationPoint, CornerDownRight, LoaderCircle, Reply, RotateCw, ShieldAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRetryMessage } from "@/lib/client/use-retry-message";
import { clockTime, formatPhone } from "@/lib/client/format";
import { useFormat } from "@/lib/client/use-format";
import { useErrorText } from "@/lib/client/use-error-text";
import { useWhatsAppErrorText } from "@/lib/client/use-whatsapp-error-text";
import { useSystemEventText } from "@/lib/client/use-system-event-text";
import { messageSummary } from "@/lib/client/message-summary";
import type { MessageDto } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { DeliveryStatus } from "./delivery-status";
import { MessageBody } from "./message-body";
import { useQuote } from "./quote-context";
import { NoteItem } from "./note-item";

/** Who wrote a message, as its bubble and quotes name them; `you` is the catalog's "You". */
export function authorLabel(m: MessageDto, contactName: string, myId: string | undefined, you: string): string {
  if (m.direction !== "outbound") return contactName;
  return m.author ? (m.author.id === myId ? you : m.author.name) : "Sportello";
}

/**
 * Only messages WhatsApp knows by a wamid can be quoted: a failed send never got one, and an
 * optimistic one has no id of ours yet. Notes and reactions are not messages to the customer.
 */
// Only a message WhatsApp knows (it has a wamid) can be quoted: ours once sent, never while queued or failed.
function isQuotable(m: MessageDto): boolean {
  return m.direction !== "internal" && m.kind !== "reaction" && m.status !== "failed" && m.status !== "queued" && !m.id.startsWith("pending-");
}

function FailedNote({ m }: { m: MessageDto }) {
  const retry = useRetryMessage(m.conversationId);
  const t = useTranslations("message");
  const errorText = useErrorText();
  const whatsappText = useWhatsAppErrorText();
  return (
    <div className="mt-1 flex max-w-[min(78%,36rem)] flex-col items-end gap-1 px-1 text-2xs text-danger">
      <p className="flex items-start gap-1">
        <CircleExclamationPoint className="mt-px size-3.5 shrink-0" aria-hidden />
        <span>
          {m.error ? t("notDeliveredBecause", { reason: whatsappText(m.error.code, m.error.message || m.error.title) }) : t("notDelivered")}
          {m.error?.code !== undefined && <span className="opacity-70"> {t("errorCode", { code: String(m.error.code) })}</span>}
        </span>
      </p>
      {!m.id.startsWith("pending-") && (
        <button
          type="button"
          className="btn-secondary h-6 px-2 text-2xs"
          disabled={retry.isPending}
          aria-label={t("retrySending")}
          onClick={() => retry.mutate(m.id)}
        >
          {retry.isPending ? <LoaderCircle className="size-3 animate-spin" aria-hidden /> : <RotateCw className="size-3" aria-hidden />}
          {t("retry")}
        </button>
      )}
      {retry.isError && (
        <p role="alert" className="text-danger">
          {errorText(retry.error, t("retryFailed"))}
        </p>
      )}
    </div>
  );
}

function ReplyAction({ m, author, out }: { m: MessageDto; author: string; out: boolean }) {
  const { startQuote, blockedReason } = useQuote();
  const t = useTranslations("message");
  const tComposer = useTranslations("composer");
  const tMedia = useTranslations("media");
  const blocked = blockedReason === "resolved" ? tComposer("resolved") : blockedReason === "windowClosed" ? tComposer("blockedWindowClosed") : blockedReason === "neverWrote" ? tComposer("blockedNeverWrote") : null;
  return (
    <button
      type="button"
      aria-label={t("replyTo")}
      title={blocked ?? t("replyTo")}
      aria-disabled={blocked ? true : undefined}
      onClick={() => {
        if (!blocked) startQuote({ id: m.id, author, summary: messageSummary(m, tMedia), kind: m.kind });
      }}
      className={cn(
        // Out of the way until the message is hovered or holds the keyboard focus; always there on touch screens.
        "btn-icon absolute top-1/2 size-7 -translate-y-1/2 rounded-full border border-line bg-surface shadow-xs transition-opacity",
        "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100 focus-visible:opacity-100 pointer-coarse:opacity-100",
        "aria-disabled:cursor-not-allowed aria-disabled:text-subtle aria-disabled:hover:bg-surface aria-disabled:hover:text-subtle",
        out ? "right-full mr-1.5" : "left-full ml-1.5",
      )}
    >
      <Reply className="size-3.5" aria-hidden />
    </button>
  );
}

function QuoteBlock({ quoted, author, onJump }: { quoted: MessageDto | undefined; author: string | null; onJump: (id: string) => void }) {
  const t = useTranslations("message");
  const tMedia = useTranslations("media");
  const box = "mb-1.5 flex w-full gap-1.5 rounded-md border-l-2 border-accent/60 bg-black/[0.035] px-2 py-1 text-left text-ui text-muted dark:bg-white/[0.05]";
  if (!quoted) {
    // The quoted message is on a page not loaded yet (or was never stored): say so, nothing to jump to.
    return (
      <div className={box}>
        <CornerDownRight className="mt-0.5 size-3 shrink-0" aria-hidden />
        <span className="line-clamp-2">{t("earlier")}</span>
      </div>
    );
  }
  return (
    <button
      type="button"
      title={t("showQuoted")}
      onClick={() => onJump(quoted.id)}
      className={cn(box, "focus-ring transition-colors hover:bg-black/[0.06] dark:hover:bg-white/[0.08]")}
    >
      <CornerDownRight className="mt-0.5 size-3 shrink-0" aria-hidden />
      <span className="min-w-0">
        {author && <span className="block text-2xs font-medium text-fg-2">{author}</span>}
        <span className="line-clamp-2 break-words">{messageSummary(quoted, tMedia)}</span>
      </span>
    </button>
  );
}

/** A centred line between the bubbles with its time; `warning` sets it apart (a changed security code). */
function EventLine({ m, text, time, title, warning = false }: { m: MessageDto; text: string; time: string; title: string; warning?: boolean }) {
  return (
    <li data-message-id={m.id} className="flex justify-center py-1.5">
      <p className={cn("max-w-[80%] text-center text-2xs", warning ? "rounded-lg bg-warning-soft px-3 py-1.5 text-fg-2" : "text-muted")}>
        {warning && <ShieldAlert className="mr-1 inline size-3.5 -translate-y-px text-warning" aria-hidden />}
        {text}
        <span className="text-subtle">
          {" "}
          · <time dateTime={m.createdAt} title={title}>{time}</time>
        </span>
      </p>
    </li>
  );
}

/** "Marco assigned this conversation to Giulia", said from its data. */
function SystemEvent({ m, time, title }: { m: MessageDto; time: string; title: string }) {
  return <EventLine m={m} text={useSystemEventText()(m)} time={time} title={title} />;
}

/** WhatsApp's notice about who the customer is (a new number, a new user id, a new security code): a line, not a bubble. */
function CustomerNotice({ m, contactName, time, title }: { m: MessageDto; contactName: string; time: string; title: string }) {
  const t = useTranslations("message");
  const p = (m.payload ?? {}) as { type?: unknown; wa_id?: unknown };
  const identity = p.type === "customer_identity_changed";
  const text =
    p.type === "customer_changed_number"
      ? typeof p.wa_id === "string"
        ? t("noticeChangedNumber", { name: contactName, phone: formatPhone(p.wa_id) })
        : t("noticeChangedNumberHidden", { name: contactName })
      : p.type === "user_changed_user_id"
        ? t("noticeChangedUserId", { name: contactName })
        : identity
          ? t("noticeIdentityChanged", { name: contactName })
          : t("noticeOther", { text: m.text ?? "" });
  return <EventLine m={m} text={text} time={time} title={title} warning={identity} />;
}

export function MessageItem({
  message: m,
  startsRun,
  contactName,
  quoted,
  myId,
  highlighted,
  onJump,
}: {
  message: MessageDto;
  startsRun: boolean;
  contactName: string;
  quoted: MessageDto | undefined;
  myId: string | undefined;
  highlighted: boolean;
  onJump: (id: string) => void;
}) {
  const t = useTranslations("message");
  const you = useTranslations("common")("you");
  const fmt = useFormat();
  const time = clockTime(m.createdAt);
  if (m.kind === "note") return <NoteItem m={m} time={time} title={fmt.fullDateTime(m.createdAt)} myId={myId} />;
  if (m.direction === "internal") return <SystemEvent m={m} time={time} title={fmt.fullDateTime(m.createdAt)} />;
  if (m.kind === "system") return <CustomerNotice m={m} contactName={contactName} time={time} title={fmt.fullDateTime(m.createdAt)} />;
  if (m.kind === "reaction") {
    const inbound = m.direction === "inbound";
    const what = inbound
      ? m.text
        ? t("customerReacted", { name: contactName, emoji: m.text })
        : t("customerRemovedReaction", { name: contactName })
      : m.text
        ? t("weReacted", { emoji: m.text })
        : t("weRemovedReaction");
    return (
      <li className={cn("flex py-1", inbound ? "justify-start" : "justify-end")}>
        <p className="px-1 text-2xs text-muted">
          {what} · <time dateTime={m.createdAt}>{time}</time>
        </p>
      </li>
    );
  }
  const out = m.direction === "outbound";
  const failed = m.status === "failed";
  const author = authorLabel(m, contactName, myId, you);
  return (
    <li
      data-message-id={m.id}
      className={cn("group flex flex-col outline-none", out ? "items-end" : "items-start", startsRun && "pt-2.5")}
    >
      {startsRun && (
        <p className={cn("mb-1 px-1 text-2xs font-medium text-muted", out ? "text-right" : "text-left")}>
          {author}
        </p>
      )}
      <div
        className={cn(
          "relative max-w-[min(78%,36rem)] rounded-2xl px-3 py-2 text-sm leading-[1.45] text-fg shadow-[0_1px_0_rgb(0_0_0/0.03)] transition-shadow duration-500",
          out ? "rounded-br-md bg-bubble-out" : "rounded-bl-md bg-bubble-in",
          failed && "ring-1 ring-danger/40",
          highlighted && "ring-2 ring-accent/70",
          m.id.startsWith("pending-") && "opacity-80",
        )}
      >
        {m.replyToMessageId && (
          <QuoteBlock quoted={quoted} author={quoted ? authorLabel(quoted, contactName, myId, you) : null} onJump={onJump} />
        )}
        {m.revokedAt ? <p className="text-muted italic">{t("deleted")}</p> : <MessageBody m={m} contactName={contactName} />}
        <span className="float-right mt-1 ml-3 inline-flex translate-y-0.5 items-center gap-1 text-[10.5px] leading-none text-muted tabular-nums">
          {m.echo && <span title={t("echoTitle")}>{t("echo")} ·</span>}
          {m.editedAt && !m.revokedAt && <span title={fmt.fullDateTime(m.editedAt)}>{t("edited")} ·</span>}
          <time dateTime={m.createdAt} title={fmt.fullDateTime(m.createdAt)}>
            {time}
          </time>
          {out && m.status && <DeliveryStatus status={m.status} />}
        </span>
        {isQuotable(m) && <ReplyAction m={m} author={author} out={out} />}
      </div>
      {failed && <FailedNote m={m} />}
    </li>
  );
}
