// Pure: how the collaboration notices of a live frame rewrite the caches that carry their data
// (who is in a thread, the user's own notifications). Called by live-patch.ts; unit-tested.
import type { InfiniteData } from "@tanstack/react-query";
import type { LiveFrame, NotificationPage, ViewerDto } from "./types";

export type ViewersData = { items: ViewerDto[] };

/** A thread's viewers after a frame: the notice's list replaces the cached one. */
export function patchViewers(conversationId: string, data: ViewersData, frame: LiveFrame): ViewersData {
  let next = data;
  for (const n of frame.notices) if (n.type === "viewers.updated" && n.conversationId === conversationId) next = { items: n.viewers };
  return next;
}

/**
 * The notifications list after a frame: a new one goes on top (once), marked-read ones get their
 * time, and the unread count (kept on the first page) is the server's number after the batch.
 * The stream only carries this user's own notices (lib/live/audience.ts).
 */
export function patchNotifications(data: InfiniteData<NotificationPage>, frame: LiveFrame): InfiniteData<NotificationPage> {
  let pages = data.pages;
  for (const n of frame.notices) {
    if (n.type === "notification.created") {
      const known = pages.some((p) => p.items.some((i) => i.id === n.notification.id));
      pages = pages.map((p, i) => (i === 0 ? { ...p, unread: n.unread, items: known ? p.items : [n.notification, ...p.items] } : p));
    } else if (n.type === "notifications.read") {
      const ids = n.ids ? new Set(n.ids) : null;
      const at = new Date().toISOString();
      pages = pages.map((p, i) => ({
        ...p,
        unread: i === 0 ? n.unread : p.unread,
        items: p.items.map((item) => (!item.readAt && (!ids || ids.has(item.id)) ? { ...item, readAt: at } : item)),
      }));
    }
  }
  return pages === data.pages ? data : { ...data, pages };
}
