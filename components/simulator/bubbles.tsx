"use client";

import { Ban, Check, CircleAlert, ClipboardList, Clock, ExternalLink, FileText, ImageIcon, Megaphone, ThumbsUp } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/client/cn";
import { clockTime } from "@/lib/client/format";
import { WhatsAppText } from "@/components/templates/whatsapp-text";
import type { SentRecord } from "./fake-api";
import type { Action, Rendered } from "./business-message";
import type { OwnMessage } from "./store";

export const LIKE = "👍";

const time = (at: number) => clockTime(new Date(at).toISOString());

export function BusinessBubble({
  rec,
  view,
  myReaction,
  onAction,
  onReact,
  busy,
}: {
  rec: SentRecord;
  view: Rendered;
  myReaction: string | undefined;
  onAction: (a: Extract<Action, { kind: "reply" | "flow" }>) => void;
  onReact: () => void;
  busy: boolean;
}) {
  const t = useTranslations("simulator");
  const liked = myReaction === LIKE;
  return (
    <div className="group flex items-end gap-1.5">
      <div className={cn("relative max-w-[80%] rounded-card rounded-bl-sm border border-line bg-surface px-3 py-2 shadow-xs", myReaction && "mb-3")}>
        {view.attachment && (
          <div className="mb-1.5 flex items-center gap-2 rounded-ctl bg-surface-2 px-2.5 py-2 text-ui text-fg-2">
            {view.attachment.kind === "image" || view.attachment.kind === "sticker" ? <ImageIcon className="size-4 shrink-0" aria-hidden /> : <FileText className="size-4 shrink-0" aria-hidden />}
            {view.attachment.url ? (
              <a href={view.attachment.url} target="_blank" rel="noreferrer" className="focus-ring truncate rounded-sm underline-offset-2 hover:underline">
                {view.attachment.name}
              </a>
            ) : (
              <span className="truncate">{view.attachment.name}</span>
            )}
          </div>
        )}
        {view.header && <p className="text-sm font-semibold">{view.header}</p>}
        {view.body && (
          <p className="text-sm break-words whitespace-pre-wrap">
            <WhatsAppText text={view.body} />
          </p>
        )}
        {view.footer && <p className="mt-1 text-2xs text-muted">{view.footer}</p>}
        <p className="mt-0.5 text-right text-2xs text-subtle">{time(rec.at)}</p>
        {view.actions.length > 0 && (
          <div className="-mx-3 mt-1.5 -mb-2 divide-y divide-line border-t border-line">
            {view.actions.map((a) =>
              a.kind === "link" ? (
                <a
                  key={a.label}
                  href={a.url}
                  target="_blank"
                  rel="noreferrer"
                  className="focus-ring flex h-9 items-center justify-center gap-1.5 text-ui font-medium text-accent-text hover:bg-surface-2"
                >
                  <ExternalLink className="size-3.5" aria-hidden />
                  {a.label}
                </a>
              ) : (
                <button
                  key={a.label}
                  type="button"
                  disabled={busy}
                  onClick={() => onAction(a)}
                  className="focus-ring flex h-9 w-full items-center justify-center gap-1.5 text-ui font-medium text-accent-text hover:bg-surface-2 disabled:opacity-60"
                >
                  {a.kind === "flow" && <ClipboardList className="size-3.5" aria-hidden />}
                  {a.label}
                </button>
              ),
            )}
          </div>
        )}
        {myReaction && (
          <span className="absolute -bottom-3 left-2 rounded-full border border-line bg-surface px-1 text-xs shadow-xs" role="img" aria-label={t("youReacted", { emoji: myReaction })}>
            {myReaction}
          </span>
        )}
      </div>
      <button
        type="button"
        onClick={onReact}
        aria-pressed={liked}
        aria-label={liked ? t("removeReaction") : t("react")}
        title={liked ? t("removeReactionTitle") : t("react")}
        className={cn(
          "btn-icon size-7 shrink-0 rounded-full opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100",
          liked && "text-accent-text opacity-100",
        )}
      >
        <ThumbsUp className="size-3.5" aria-hidden />
      </button>
    </div>
  );
}

const OWN_STATUS = {
  sending: { label: "sending", Icon: Clock },
  sent: { label: "sent", Icon: Check },
  failed: { label: "notSent", Icon: CircleAlert },
} as const;

/** Meta's limits: a text can be edited for 15 minutes, any message deleted for 2 days. */
const EDIT_MS = 15 * 60 * 1000;
const DELETE_MS = 2 * 24 * 60 * 60 * 1000;

export function CustomerBubble({
  msg,
  reaction,
  onEdit,
  onDelete,
  busy,
}: {
  msg: OwnMessage;
  reaction: string | undefined;
  onEdit: () => void;
  onDelete: () => void;
  busy: boolean;
}) {
  const t = useTranslations("simulator");
  const s = OWN_STATUS[msg.status];
  // Only what reached the app (it has a wamid) can be changed. Read at render: a stale button is
  // harmless, the fake refuses a late edit and the phone says so.
  const delivered = msg.status === "sent" && msg.id.startsWith("wamid.") && !msg.deleted;
  // eslint-disable-next-line react-hooks/purity -- the age decides whether the actions are offered
  const age = Date.now() - msg.at;
  const canEdit = delivered && msg.kind === "text" && age < EDIT_MS;
  const canDelete = delivered && age < DELETE_MS;
  if (msg.deleted) {
    return (
      <div role="group" aria-label={t("yourMessage")} className="flex flex-col items-end">
        <div className="max-w-[80%] rounded-card rounded-br-sm bg-bubble-out px-3 py-2 shadow-xs">
          <p className="flex items-center gap-1.5 text-sm text-muted italic">
            <Ban className="size-3.5" aria-hidden />
            {t("youDeleted")}
          </p>
          <p className="mt-0.5 text-right text-2xs text-subtle">{time(msg.at)}</p>
        </div>
      </div>
    );
  }
  return (
    <div role="group" aria-label={t("yourMessage")} className="group flex flex-col items-end">
      <div className={cn("relative max-w-[80%] rounded-card rounded-br-sm bg-bubble-out px-3 py-2 shadow-xs", reaction && "mb-3")}>
        {msg.fromAd && (
          <p className="mb-1 flex items-center gap-1 rounded-ctl bg-surface/60 px-2 py-1 text-2xs text-fg-2">
            <Megaphone className="size-3 shrink-0" aria-hidden />
            <span className="truncate">{t("fromAdBadge", { headline: msg.fromAd })}</span>
          </p>
        )}
        {msg.kind === "button" && <p className="text-2xs font-medium text-accent-text">{t("tapped")}</p>}
        {msg.kind === "flow" && (
          <p className="flex items-center gap-1 text-2xs font-medium text-accent-text">
            <ClipboardList className="size-3.5" aria-hidden />
            {t("formSent")}
          </p>
        )}
        {(msg.kind === "image" || msg.kind === "document") && (
          <p className="flex items-center gap-1 text-2xs font-medium text-accent-text">
            {msg.kind === "image" ? <ImageIcon className="size-3.5" aria-hidden /> : <FileText className="size-3.5" aria-hidden />}
            {msg.kind === "image" ? t("photo") : t("document")}
          </p>
        )}
        {msg.text && <p className="text-sm break-words whitespace-pre-wrap">{msg.text}</p>}
        <p className="mt-0.5 flex items-center justify-end gap-1 text-2xs text-subtle">
          {msg.edited && <span className="italic">{t("edited")}</span>}
          {time(msg.at)}
          <span role="img" aria-label={t(s.label)} title={msg.error ?? t(s.label)} className={cn("inline-flex", msg.status === "failed" && "text-danger")}>
            <s.Icon className="size-3" aria-hidden />
          </span>
        </p>
        {reaction && (
          <span className="absolute -bottom-3 right-2 rounded-full border border-line bg-surface px-1 text-xs shadow-xs" role="img" aria-label={t("businessReacted", { emoji: reaction })}>
            {reaction}
          </span>
        )}
      </div>
      {msg.status === "failed" && msg.error && <p className="mt-0.5 max-w-[80%] text-right text-2xs text-danger">{msg.error}</p>}
      {(canEdit || canDelete) && (
        <div className={cn("mt-0.5 flex gap-1 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-within:opacity-100", reaction && "mt-3.5")}>
          {canEdit && (
            <button type="button" className="focus-ring rounded-sm px-1.5 text-2xs font-medium text-accent-text hover:bg-surface-2" disabled={busy} onClick={onEdit}>
              {t("edit")}
            </button>
          )}
          {canDelete && (
            <button type="button" className="focus-ring rounded-sm px-1.5 text-2xs font-medium text-danger hover:bg-surface-2" disabled={busy} onClick={onDelete}>
              {t("delete")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
