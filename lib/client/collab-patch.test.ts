import { describe, expect, it } from "vitest";
import type { InfiniteData } from "@tanstack/react-query";
import { decideLive, initialLiveState, isLiveKey, patchQueryData } from "./live-patch";
import { queryKeys } from "./query-keys";
import type { LiveFrame, NotificationDto, NotificationPage } from "./types";

const frame = (over: Partial<LiveFrame>): LiveFrame => ({ seq: 1, messages: [], conversations: [], details: [], gone: [], notices: [], payments: [], ...over });
const note = (id: string, readAt: string | null = null): NotificationDto => ({
  id, kind: "mention", conversationId: "c1", messageId: "m1", actor: { id: "u2", name: "Sara" }, contactName: "Anna", snippet: "@Luca", readAt, createdAt: "2026-12-01T10:00:00.000Z",
});
const list = (items: NotificationDto[], unread: number): InfiniteData<NotificationPage> => ({ pages: [{ items, unread, nextCursor: null }], pageParams: [null] });

describe("collaboration notices in the caches", () => {
  it("replace a thread's viewers with the notice's list, and leave other threads alone", () => {
    const viewers = [{ userId: "u2", name: "Sara", typing: true, seenAgoMs: 0, typingAgoMs: 0 }];
    const f = frame({ notices: [{ type: "viewers.updated", conversationId: "c1", viewers }] });
    expect(patchQueryData(queryKeys.viewers("c1"), { items: [] }, f, { meId: "u1" })).toEqual({ items: viewers });
    const other = { items: [] };
    expect(patchQueryData(queryKeys.viewers("c2"), other, f, { meId: "u1" })).toBe(other);
    expect(isLiveKey(queryKeys.viewers("c1")) && isLiveKey(queryKeys.notifications.list())).toBe(true);
  });

  it("put a new notification on top once, with the server's unread count, and mark read ones", () => {
    const data = list([note("n1")], 1);
    const created = frame({ notices: [{ type: "notification.created", userId: "u1", notification: note("n2"), unread: 2 }] });
    const once = patchQueryData(queryKeys.notifications.list(), data, created, { meId: "u1" }) as InfiniteData<NotificationPage>;
    expect(once.pages[0]!.items.map((n) => n.id)).toEqual(["n2", "n1"]);
    expect(once.pages[0]!.unread).toBe(2);
    const twice = patchQueryData(queryKeys.notifications.list(), once, created, { meId: "u1" }) as InfiniteData<NotificationPage>;
    expect(twice.pages[0]!.items).toHaveLength(2);
    const read = patchQueryData(queryKeys.notifications.list(), twice, frame({ notices: [{ type: "notifications.read", userId: "u1", ids: ["n2"], unread: 1 }] }), { meId: "u1" }) as InfiniteData<NotificationPage>;
    expect(read.pages[0]!.items.map((n) => !!n.readAt)).toEqual([true, false]);
    expect(read.pages[0]!.unread).toBe(1);
  });

  it("need no request, except workspace rules (the /api/me refetch)", () => {
    const ready = decideLive(initialLiveState, { type: "ready" });
    const viewers = decideLive(ready.state, { type: "live", frame: frame({ notices: [{ type: "viewers.updated", conversationId: "c1", viewers: [] }, { type: "notification.created", userId: "u1", notification: note("n1"), unread: 1 }] }) });
    expect(viewers.invalidate).toEqual([]);
    const rules = decideLive(ready.state, { type: "live", frame: frame({ notices: [{ type: "workspace.updated" }] }) });
    expect(rules.invalidate).toEqual([queryKeys.me]);
  });
});
