// Pure: how a live frame rewrites one cached query's data, and what a stream event asks of the
// tab. No React, no QueryClient: unit-tested (live-patch.test.ts) and imported by bench:realtime.
import type { InfiniteData, QueryKey } from "@tanstack/react-query";
import type { InboxFilters } from "./inbox-filters";
import { patchNotifications, patchViewers, type ViewersData } from "./collab-patch";
import { queryKeys } from "./query-keys";
import type { ConversationDetail, ConversationListItem, ConversationPage, LiveFrame, MessageDto, MessagePage, NotificationPage, PaymentRequestDetail, ViewCounts } from "./types";

const ACTIVE = ["open", "pending"];

/** Whether a list row belongs in a list with these filters: the client's copy of conversationFilters. */
export function matchesFilters(row: ConversationListItem, f: InboxFilters, meId: string): boolean {
  if (f.status ? row.status !== f.status : !ACTIVE.includes(row.status)) return false;
  if (f.view === "mine" && row.assignee?.id !== meId) return false;
  if (f.view === "unassigned" && row.assignee !== null) return false;
  if (f.team && row.team?.id !== f.team) return false;
  if (f.label && !(row.labels ?? []).some((l) => l.id === f.label)) return false;
  return true;
}

/** Keyset order of the lists (`lastMessageAt desc, id desc`): does `a` come before `b`? */
const rowBefore = (a: ConversationListItem, b: ConversationListItem) => a.lastMessageAt > b.lastMessageAt || (a.lastMessageAt === b.lastMessageAt && a.id > b.id);
/** Order of a thread's pages (`createdAt desc, id desc`, newest first). */
const messageBefore = (a: MessageDto, b: MessageDto) => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Puts `item` where the order says among the loaded pages, or nowhere when it falls after the
 * last loaded row and more pages exist (the next page will bring it; keyset cursors stay valid).
 */
function insertSorted<T, P extends { items: T[]; nextCursor: string | null }>(pages: P[], item: T, before: (a: T, b: T) => boolean): P[] {
  for (let p = 0; p < pages.length; p++) {
    const page = pages[p]!;
    const i = page.items.findIndex((x) => before(item, x));
    if (i >= 0) return pages.map((pg, j) => (j === p ? { ...pg, items: [...pg.items.slice(0, i), item, ...pg.items.slice(i)] } : pg));
  }
  const last = pages.at(-1);
  if (!last || last.nextCursor !== null) return pages;
  return [...pages.slice(0, -1), { ...last, items: [...last.items, item] }];
}

/**
 * A list after a conversation changed: its row replaced, moved, inserted, or removed (`row` null,
 * or a row that no longer matches the filters). Unchanged data is returned as is.
 */
export function placeConversation(data: InfiniteData<ConversationPage>, id: string, row: ConversationListItem | null): InfiniteData<ConversationPage> {
  const flat = data.pages.flatMap((p, pi) => p.items.map((item, i) => ({ item, pi, i })));
  const at = flat.findIndex((x) => x.item.id === id);
  const old = flat[at];
  if (row && old) {
    // Still in order between its neighbours: rewrite it where it is (pages keep their boundaries).
    const prev = flat[at - 1]?.item;
    const next = flat[at + 1]?.item;
    if ((!prev || rowBefore(prev, row)) && (!next || rowBefore(row, next))) {
      if (same(old.item, row)) return data;
      return { ...data, pages: data.pages.map((p, pi) => (pi === old.pi ? { ...p, items: p.items.map((x, i) => (i === old.i ? row : x)) } : p)) };
    }
  }
  if (!row && !old) return data;
  const without = old ? data.pages.map((p, pi) => (pi === old.pi ? { ...p, items: p.items.filter((x) => x.id !== id) } : p)) : data.pages;
  const pages = row ? insertSorted(without, row, rowBefore) : without;
  return pages === data.pages ? data : { ...data, pages };
}

/** A thread after a message was created or changed: replaced by id (or by the clientMessageId of the same send), else inserted in order. */
export function upsertMessage(data: InfiniteData<MessagePage>, message: MessageDto): InfiniteData<MessagePage> {
  const matches = (m: MessageDto) => m.id === message.id || (message.clientMessageId !== null && m.clientMessageId === message.clientMessageId);
  for (let p = 0; p < data.pages.length; p++) {
    const i = data.pages[p]!.items.findIndex(matches);
    if (i < 0) continue;
    if (same(data.pages[p]!.items[i], message)) return data;
    return { ...data, pages: data.pages.map((pg, j) => (j === p ? { ...pg, items: pg.items.map((m, k) => (k === i ? message : m)) } : pg)) };
  }
  const pages = insertSorted(data.pages, message, messageBefore);
  return pages === data.pages ? data : { ...data, pages };
}

export type PatchContext = { meId: string | null };

/**
 * One cached query's data after a frame (the same reference when the frame does not touch it).
 * Keys: messages.list(id), conversations.list(filters), conversations.detail(id), conversations.counts(),
 * payments.detail(id), viewers(id), notifications.list().
 */
export function patchQueryData(queryKey: QueryKey, data: unknown, frame: LiveFrame, ctx: PatchContext): unknown {
  if (data === undefined) return data;
  const [family, second, third] = queryKey as readonly unknown[];
  if (family === "payments") {
    if (second !== "detail" || typeof third !== "string") return data;
    const payment = frame.payments?.find((p) => p.id === third);
    return payment && !same(payment, data) ? (payment as PaymentRequestDetail) : data;
  }
  if (family === "viewers" && typeof second === "string") return patchViewers(second, data as ViewersData, frame);
  if (family === "notifications" && second === "list") return patchNotifications(data as InfiniteData<NotificationPage>, frame);
  if (family === "messages" && typeof second === "string") {
    let next = data as InfiniteData<MessagePage>;
    for (const m of frame.messages) if (m.conversationId === second) next = upsertMessage(next, m);
    return next;
  }
  if (family !== "conversations") return data;
  if (second === "list" && typeof third === "object" && third !== null) {
    const filters = third as InboxFilters;
    let next = data as InfiniteData<ConversationPage>;
    for (const row of frame.conversations) {
      // Without knowing who "me" is, a Mine list can only update rows it already shows.
      const present = next.pages.some((p) => p.items.some((i) => i.id === row.id));
      const belongs = ctx.meId !== null ? matchesFilters(row, filters, ctx.meId) : filters.view !== "mine" ? matchesFilters(row, filters, "") : present;
      next = placeConversation(next, row.id, belongs ? row : null);
    }
    for (const id of frame.gone) next = placeConversation(next, id, null);
    return next;
  }
  if (second === "detail" && typeof third === "string") {
    const detail = frame.details.find((d) => d.id === third);
    return detail && !same(detail, data) ? (detail as ConversationDetail) : data;
  }
  if (second === "counts") return frame.counts && !same(frame.counts, data) ? (frame.counts as ViewCounts) : data;
  return data;
}

/** Whether frames can change this query's data (the families patchQueryData knows). */
export function isLiveKey(queryKey: QueryKey): boolean {
  const [family, second] = queryKey as readonly unknown[];
  return (
    family === "messages" ||
    family === "viewers" ||
    (family === "notifications" && second === "list") ||
    (family === "conversations" && (second === "list" || second === "detail" || second === "counts")) ||
    (family === "payments" && second === "detail")
  );
}

// ---- The stream, event by event.

export type LiveState = { connectedOnce: boolean; lastSeq: number };
export const initialLiveState: LiveState = { connectedOnce: false, lastSeq: 0 };

export type LiveInput = { type: "ready" } | { type: "resync"; seq: number } | { type: "live"; frame: LiveFrame };

export type LiveDecision = {
  state: LiveState;
  /** Refetch everything the tab shows: a reconnect, a resync, or a gap in the numbering. */
  heal: boolean;
  /**
   * The first `ready`: what the tab read before the stream subscribed may predate a change committed
   * in between, which no frame will carry. Refetch what was read (or is being read) before it.
   */
  catchUp?: boolean;
  /** Patch the caches with this frame (also when healing: the frame is current, the refetch confirms it). */
  patch: LiveFrame | null;
  /** Rare events answered by a refetch of a few keys (presence, channels, a conversation gone). */
  invalidate: QueryKey[];
};

/**
 * What the tab does with one stream event. Each (re)connection numbers its events from 1.
 * `meId`: the signed-in user, whose own availability change (another tab, auto-away) refetches /api/me.
 */
export function decideLive(state: LiveState, input: LiveInput, meId: string | null = null): LiveDecision {
  if (input.type === "ready") return { state: { connectedOnce: true, lastSeq: 0 }, heal: state.connectedOnce, catchUp: !state.connectedOnce, patch: null, invalidate: [] };
  if (input.type === "resync") return { state: { ...state, lastSeq: input.seq }, heal: true, patch: null, invalidate: [] };
  const { frame } = input;
  const gap = frame.seq !== state.lastSeq + 1;
  const invalidate: QueryKey[] = [];
  for (const n of frame.notices) {
    if (n.type === "presence.updated") invalidate.push(queryKeys.teammates, queryKeys.teamView, ...(n.userId === meId ? [queryKeys.me] : []));
    else if (n.type === "team.updated") invalidate.push(queryKeys.teams, queryKeys.teamView);
    else if (n.type === "booking.updated") invalidate.push(queryKeys.bookings.all);
    else if (n.type === "template.updated") invalidate.push(queryKeys.templates.root);
    else if (n.type === "labels.changed") invalidate.push(queryKeys.labels, queryKeys.conversations.all);
    else if (n.type === "workspace.updated") invalidate.push(queryKeys.me);
    else if (n.type === "channel.updated") invalidate.push(queryKeys.channels, queryKeys.me);
    // viewers.updated and the user's notifications carry their data: patched, nothing to fetch.
  }
  for (const id of frame.gone) invalidate.push(queryKeys.conversations.detail(id), queryKeys.messages.list(id));
  // A request changed: its card is patched above; the leads' lists and their totals and the
  // refunds waiting for a decision are read again (only where a page shows them).
  if (frame.payments?.length) invalidate.push(queryKeys.payments.lists(), queryKeys.payments.waitingRefunds());
  // The lead's view counts everyone's conversations: it reloads (only while it is on screen).
  if ((frame.conversations.length > 0 || frame.gone.length > 0) && !invalidate.includes(queryKeys.teamView)) invalidate.push(queryKeys.teamView);
  return { state: { ...state, lastSeq: frame.seq }, heal: gap, patch: frame, invalidate };
}
