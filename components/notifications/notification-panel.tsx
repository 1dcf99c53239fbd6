"use client";

import { useCallback, useEffect, useRef } from "react";
import { AtSign, BellRing, CheckCheck, LoaderCircle, UserRoundPlus, Volume2, VolumeX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useDesktopPermission, useMuted } from "@/lib/client/alerts";
import type { useNotifications } from "@/lib/client/use-notifications";
import type { NotificationDto } from "@/lib/client/types";
import { useFormat } from "@/lib/client/use-format";
import { useNow } from "@/lib/client/use-now";
import { cn } from "@/lib/client/cn";

/** Where a notification leads: the conversation, and the mentioning note in it. */
export function notificationHref(n: NotificationDto): string {
  if (!n.conversationId) return "/inbox";
  return `/inbox/${n.conversationId}${n.kind === "mention" && n.messageId ? `?message=${n.messageId}` : ""}`;
}

/** A notification as a sentence (the panel) and as a desktop notification's title and body. */
export function useNotificationText() {
  const t = useTranslations("notifications");
  return useCallback(
    (n: NotificationDto) => {
      const who = n.actor?.name ?? "Sportello";
      const contact = n.contactName ?? t("aConversation");
      const title = n.kind === "mention" ? t("mentioned", { name: who, contact }) : n.actor ? t("assigned", { name: who, contact }) : t("assignedAuto", { contact });
      return { title, body: n.snippet ?? "" };
    },
    [t],
  );
}

type Props = {
  id: string;
  list: ReturnType<typeof useNotifications>;
  onOpen: (n: NotificationDto) => void;
  onMarkAll: () => void;
  onClose: () => void;
};

export function NotificationPanel({ id, list, onOpen, onMarkAll, onClose }: Props) {
  const t = useTranslations("notifications");
  const fmt = useFormat();
  const now = useNow(30_000);
  const say = useNotificationText();
  const [muted, setMuted] = useMuted();
  const [permission, askPermission] = useDesktopPermission();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div
      ref={ref}
      id={id}
      role="dialog"
      aria-label={t("title")}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
      className="absolute top-full right-0 z-30 mt-1.5 flex max-h-[min(70vh,34rem)] w-[min(24rem,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-card border border-line bg-surface shadow-pop outline-none"
    >
      <div className="flex items-center gap-2 border-b border-line px-3 py-2">
        <h2 className="flex-1 text-ui font-semibold">{t("title")}</h2>
        <button
          type="button"
          className="btn-icon size-7"
          aria-pressed={muted}
          aria-label={muted ? t("unmute") : t("mute")}
          title={muted ? t("unmute") : t("mute")}
          onClick={() => setMuted(!muted)}
        >
          {muted ? <VolumeX className="size-3.5" aria-hidden /> : <Volume2 className="size-3.5" aria-hidden />}
        </button>
        <button type="button" className="btn-ghost h-7 px-2 text-2xs" disabled={list.unread === 0} onClick={onMarkAll}>
          <CheckCheck className="size-3.5" aria-hidden />
          {t("markAll")}
        </button>
      </div>
      {permission === "default" && (
        <div className="flex items-center gap-2 border-b border-line bg-surface-2 px-3 py-2 text-2xs text-muted">
          <BellRing className="size-3.5 shrink-0" aria-hidden />
          <p className="flex-1">{t("desktopHint")}</p>
          <button type="button" className="btn-secondary h-6 shrink-0 px-2 text-2xs" onClick={() => void askPermission()}>
            {t("desktopEnable")}
          </button>
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        {list.isPending ? (
          <p className="flex items-center justify-center gap-2 px-3 py-8 text-ui text-muted">
            <LoaderCircle className="size-4 animate-spin" aria-hidden /> {t("loading")}
          </p>
        ) : list.items.length === 0 ? (
          <p className="px-3 py-8 text-center text-ui text-muted">{t("empty")}</p>
        ) : (
          <ul aria-label={t("title")}>
            {list.items.map((n) => {
              const text = say(n);
              const Icon = n.kind === "mention" ? AtSign : UserRoundPlus;
              return (
                <li key={n.id} className="border-b border-line/70 last:border-b-0">
                  <button
                    type="button"
                    onClick={() => onOpen(n)}
                    className={cn("focus-ring flex w-full items-start gap-2.5 px-3 py-2.5 text-left transition-colors hover:bg-surface-2", !n.readAt && "bg-accent-soft/40")}
                  >
                    <span className={cn("mt-0.5 grid size-6 shrink-0 place-items-center rounded-full", n.kind === "mention" ? "bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-200" : "bg-accent-soft text-accent-soft-fg")}>
                      <Icon className="size-3.5" aria-hidden />
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className={cn("block text-ui", !n.readAt ? "font-medium text-fg" : "text-fg-2")}>{text.title}</span>
                      {text.body && <span className="mt-0.5 line-clamp-2 block text-2xs text-muted">{text.body}</span>}
                      <time dateTime={n.createdAt} title={fmt.fullDateTime(n.createdAt)} className="mt-0.5 block text-2xs text-muted">
                        {fmt.relativeAgo(n.createdAt, now)}
                      </time>
                    </span>
                    {!n.readAt && (
                      <span className="mt-1.5 size-2 shrink-0 rounded-full bg-accent" role="img" aria-label={t("unread")} />
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {list.hasNextPage && (
          <div className="flex justify-center p-2">
            <button type="button" className="btn-ghost h-7 text-2xs" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t("more")}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
