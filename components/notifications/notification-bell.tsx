"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Bell } from "lucide-react";
import { useTranslations } from "next-intl";
import { beep, showDesktop, useCountInTitle, useMuted } from "@/lib/client/alerts";
import { useMarkNotificationsRead, useNotifications } from "@/lib/client/use-notifications";
import type { NotificationDto } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { NotificationPanel, notificationHref, useNotificationText } from "./notification-panel";

/**
 * The top bar's bell: the unread count (also in the tab title), a panel with the latest
 * notifications, and for each new one a short sound and, when allowed, a desktop notification.
 */
export function NotificationBell() {
  const t = useTranslations("notifications");
  const router = useRouter();
  const list = useNotifications();
  const markRead = useMarkNotificationsRead();
  const [open, setOpen] = useState(false);
  const [muted] = useMuted();
  const panelId = useId();
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const say = useNotificationText();
  useCountInTitle(list.unread);

  // A notification this tab had not seen, unread: it arrived live. The first load only remembers.
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!list.data) return;
    if (!known.current) {
      known.current = new Set(list.items.map((n) => n.id));
      return;
    }
    const fresh = list.items.filter((n) => !known.current!.has(n.id));
    for (const n of fresh) known.current.add(n.id);
    const unread = fresh.filter((n) => !n.readAt);
    if (unread.length === 0) return;
    if (!muted) beep();
    for (const n of unread) showDesktop(say(n).title, say(n).body, n.id, () => router.push(notificationHref(n)));
  }, [list.data, list.items, muted, router, say]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    return () => document.removeEventListener("pointerdown", onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const openOne = (n: NotificationDto) => {
    if (!n.readAt) markRead.mutate({ ids: [n.id] });
    close(false);
    router.push(notificationHref(n));
  };

  return (
    <div ref={wrapRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        className={cn("btn-icon relative", open && "bg-surface-2 text-fg")}
        aria-label={list.unread > 0 ? t("bellUnread", { count: list.unread }) : t("bell")}
        aria-expanded={open}
        aria-controls={panelId}
        title={t("title")}
        onClick={() => setOpen((o) => !o)}
      >
        <Bell className="size-4" aria-hidden />
        {list.unread > 0 && (
          <span
            data-testid="notification-count"
            className="absolute -top-0.5 -right-0.5 grid h-4 min-w-4 place-items-center rounded-full bg-danger px-1 text-[10px] leading-none font-semibold text-white tabular-nums"
            aria-hidden
          >
            {list.unread > 99 ? "99+" : list.unread}
          </span>
        )}
      </button>
      {open && (
        <NotificationPanel
          id={panelId}
          list={list}
          onOpen={openOne}
          onMarkAll={() => markRead.mutate({ all: true })}
          onClose={() => close(true)}
        />
      )}
    </div>
  );
}
