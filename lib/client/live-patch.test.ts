import { describe, expect, it } from "vitest";
import type { InfiniteData } from "@tanstack/react-query";
import { decideLive, initialLiveState, matchesFilters, patchQueryData, placeConversation, upsertMessage } from "./live-patch";
import { queryKeys } from "./query-keys";
import type { ConversationListItem, ConversationPage, LiveFrame, MessageDto, MessagePage, PaymentRequestDetail, ViewCounts } from "./types";

const ME = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
const TEAM = "00000000-0000-4000-8000-0000000000c1";

function row(id: string, minute: number, over: Partial<ConversationListItem> = {}): ConversationListItem {
  return {
    id,
    status: "open",
    priority: "normal",
    lastMessageAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
    lastMessagePreview: `m${minute}`,
    lastMessageDirection: "inbound",
    lastInboundAt: null,
    waitingSince: null,
    unreadCount: 0,
    snoozedUntil: null,
    contact: { id: `c-${id}`, name: id, phone: "+39", username: null },
    assignee: null,
    team: null,
    labels: [],
    ...over,
  };
}

function msg(id: string, second: number, over: Partial<MessageDto> = {}): MessageDto {
  return {
    id,
    conversationId: "conv",
    direction: "outbound",
    authorType: "agent",
    author: null,
    kind: "text",
    text: id,
    payload: null,
    status: "queued",
    error: null,
    replyToMessageId: null,
    clientMessageId: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, 0, second)).toISOString(),
    mediaStatus: null,
    editedAt: null,
    revokedAt: null,
    echo: false,
    ...over,
  };
}

const pages = <T,>(...ps: { items: T[]; nextCursor: string | null }[]): InfiniteData<{ items: T[]; nextCursor: string | null }> => ({ pages: ps, pageParams: ps.map((_, i) => (i ? `c${i}` : null)) });
const ids = (d: InfiniteData<{ items: { id: string }[] }>) => d.pages.map((p) => p.items.map((i) => i.id));
const frame = (over: Partial<LiveFrame>): LiveFrame => ({ seq: 1, messages: [], conversations: [], details: [], gone: [], notices: [], payments: [], ...over });

describe("matchesFilters (the client's copy of conversationFilters)", () => {
  const all = { view: "all" as const, status: null, team: null };
  it("lists open and pending without a status filter, only that status with one", () => {
    expect(matchesFilters(row("a", 1), all, ME)).toBe(true);
    expect(matchesFilters(row("a", 1, { status: "pending" }), all, ME)).toBe(true);
    expect(matchesFilters(row("a", 1, { status: "resolved" }), all, ME)).toBe(false);
    expect(matchesFilters(row("a", 1, { status: "resolved" }), { ...all, status: "resolved" }, ME)).toBe(true);
    expect(matchesFilters(row("a", 1), { ...all, status: "snoozed" }, ME)).toBe(false);
  });
  it("mine, unassigned and team", () => {
    const mine = row("a", 1, { assignee: { id: ME, name: "me" } });
    expect(matchesFilters(mine, { ...all, view: "mine" }, ME)).toBe(true);
    expect(matchesFilters(mine, { ...all, view: "mine" }, OTHER)).toBe(false);
    expect(matchesFilters(mine, { ...all, view: "unassigned" }, ME)).toBe(false);
    expect(matchesFilters(row("a", 1), { ...all, view: "unassigned" }, ME)).toBe(true);
    expect(matchesFilters(row("a", 1, { team: { id: TEAM, name: "T" } }), { ...all, team: TEAM }, ME)).toBe(true);
    expect(matchesFilters(row("a", 1), { ...all, team: TEAM }, ME)).toBe(false);
  });
});

describe("placeConversation (keyset order lastMessageAt desc, id desc)", () => {
  const list = () => pages<ConversationListItem>({ items: [row("d", 40), row("c", 30)], nextCursor: "x" }, { items: [row("b", 20), row("a", 10)], nextCursor: null });

  it("moves a row with new activity to the top", () => {
    expect(ids(placeConversation(list(), "b", row("b", 50)))).toEqual([["b", "d", "c"], ["a"]]);
  });
  it("inserts a new row where it sorts, ties broken by id", () => {
    expect(ids(placeConversation(list(), "e", row("e", 25)))).toEqual([["d", "c"], ["e", "b", "a"]]);
    expect(ids(placeConversation(list(), "cc", row("cc", 30)))).toEqual([["d", "cc", "c"], ["b", "a"]]);
  });
  it("removes a row (gone, or no longer matching)", () => {
    expect(ids(placeConversation(list(), "c", null))).toEqual([["d"], ["b", "a"]]);
  });
  it("appends after the last row only when no page is left to load", () => {
    expect(ids(placeConversation(list(), "z", row("z", 1)))).toEqual([["d", "c"], ["b", "a", "z"]]);
    const partial = pages<ConversationListItem>({ items: [row("d", 40), row("c", 30)], nextCursor: "x" });
    expect(ids(placeConversation(partial, "z", row("z", 1)))).toEqual([["d", "c"]]);
  });
  it("returns the same data when nothing changes", () => {
    const d = list();
    expect(placeConversation(d, "c", row("c", 30))).toBe(d);
    expect(placeConversation(d, "nope", null)).toBe(d);
    expect(placeConversation(d, "c", row("c", 30, { unreadCount: 2 }))).not.toBe(d);
  });
});

describe("upsertMessage (pages newest first)", () => {
  const thread = () => pages<MessageDto>({ items: [msg("m3", 30), msg("m2", 20)], nextCursor: "x" }, { items: [msg("m1", 10)], nextCursor: null });

  it("puts a new message on top and replaces an updated one in place", () => {
    expect(ids(upsertMessage(thread(), msg("m4", 40)))).toEqual([["m4", "m3", "m2"], ["m1"]]);
    const read = upsertMessage(thread(), msg("m2", 20, { status: "read" }));
    expect(read.pages[0]!.items[1]!.status).toBe("read");
    expect(ids(read)).toEqual([["m3", "m2"], ["m1"]]);
  });
  it("dedupes by clientMessageId: the stored copy replaces a row of the same send", () => {
    const withPending = pages<MessageDto>({ items: [msg("pending-abc", 30, { clientMessageId: "abc12345" }), msg("m2", 20)], nextCursor: null });
    const stored = upsertMessage(withPending, msg("m9", 31, { clientMessageId: "abc12345" }));
    expect(ids(stored)).toEqual([["m9", "m2"]]);
  });
  it("applied twice is applied once", () => {
    const once = upsertMessage(thread(), msg("m4", 40));
    expect(upsertMessage(once, msg("m4", 40))).toBe(once);
  });
  it("leaves an old message to pagination when older pages are not loaded", () => {
    const first = pages<MessageDto>({ items: [msg("m3", 30)], nextCursor: "x" });
    expect(upsertMessage(first, msg("m0", 1))).toBe(first);
  });
});

describe("patchQueryData", () => {
  const ctx = { meId: ME };
  it("touches only the thread of the message's conversation", () => {
    const thread = pages<MessageDto>({ items: [msg("m1", 10)], nextCursor: null });
    const f = frame({ messages: [msg("m2", 20)] });
    expect(ids(patchQueryData(queryKeys.messages.list("conv"), thread, f, ctx) as InfiniteData<MessagePage>)).toEqual([["m2", "m1"]]);
    expect(patchQueryData(queryKeys.messages.list("other"), thread, f, ctx)).toBe(thread);
  });
  it("rewrites each loaded list by its own filters", () => {
    const taken = row("a", 50, { assignee: { id: OTHER, name: "Luca" } });
    const f = frame({ conversations: [taken] });
    const unassigned = pages<ConversationListItem>({ items: [row("a", 10), row("b", 5)], nextCursor: null });
    const all = pages<ConversationListItem>({ items: [row("b", 5), row("a", 10)], nextCursor: null });
    const mine = pages<ConversationListItem>({ items: [], nextCursor: null });
    const key = (view: "all" | "mine" | "unassigned") => queryKeys.conversations.list({ view, status: null, team: null });
    expect(ids(patchQueryData(key("unassigned"), unassigned, f, ctx) as InfiniteData<ConversationPage>)).toEqual([["b"]]);
    expect(ids(patchQueryData(key("all"), all, f, ctx) as InfiniteData<ConversationPage>)).toEqual([["a", "b"]]);
    expect(patchQueryData(key("mine"), mine, f, ctx)).toBe(mine);
    expect(ids(patchQueryData(key("mine"), mine, f, { meId: OTHER }) as InfiniteData<ConversationPage>)).toEqual([["a"]]);
  });
  it("removes gone conversations from lists, replaces a detail and the counts", () => {
    const all = pages<ConversationListItem>({ items: [row("a", 10)], nextCursor: null });
    expect(ids(patchQueryData(queryKeys.conversations.list({ view: "all", status: null, team: null }), all, frame({ gone: ["a"] }), ctx) as InfiniteData<ConversationPage>)).toEqual([[]]);
    const counts: ViewCounts = { mine: 1, unassigned: 2, all: 3, status: { open: 3, pending: 0, snoozed: 0, resolved: 0 }, teams: {} };
    expect(patchQueryData(queryKeys.conversations.counts(), { ...counts, all: 9 }, frame({ counts }), ctx)).toEqual(counts);
    expect(patchQueryData(queryKeys.conversations.counts(), counts, frame({}), ctx)).toBe(counts);
    const detail = { id: "a", status: "pending" } as unknown as LiveFrame["details"][number];
    expect(patchQueryData(queryKeys.conversations.detail("a"), { id: "a", status: "open" }, frame({ details: [detail] }), ctx)).toBe(detail);
    expect(patchQueryData(queryKeys.conversations.detail("b"), { id: "b" }, frame({ details: [detail] }), ctx)).toEqual({ id: "b" });
  });
  it("never creates data for a query that has none", () => {
    expect(patchQueryData(queryKeys.conversations.counts(), undefined, frame({ counts: {} as ViewCounts }), ctx)).toBeUndefined();
  });
});

describe("decideLive: numbering, reconnects, resyncs", () => {
  it("patches contiguous frames and heals nothing", () => {
    let s = decideLive(initialLiveState, { type: "ready" });
    expect(s.heal).toBe(false);
    for (const seq of [1, 2, 3]) {
      s = decideLive(s.state, { type: "live", frame: frame({ seq }) });
      expect(s.heal).toBe(false);
      expect(s.patch?.seq).toBe(seq);
    }
  });
  it("heals on a gap, still applying the frame, and continues from it", () => {
    const ready = decideLive(initialLiveState, { type: "ready" });
    const one = decideLive(ready.state, { type: "live", frame: frame({ seq: 1 }) });
    const gap = decideLive(one.state, { type: "live", frame: frame({ seq: 3 }) });
    expect(gap.heal).toBe(true);
    expect(gap.patch?.seq).toBe(3);
    expect(decideLive(gap.state, { type: "live", frame: frame({ seq: 4 }) }).heal).toBe(false);
  });
  it("heals after a reconnect (a second ready) and on resync", () => {
    const first = decideLive(initialLiveState, { type: "ready" });
    const again = decideLive(decideLive(first.state, { type: "live", frame: frame({ seq: 1 }) }).state, { type: "ready" });
    expect(again.heal).toBe(true);
    expect(first.catchUp).toBe(true);
    expect(again.catchUp).toBe(false);
    expect(decideLive(again.state, { type: "live", frame: frame({ seq: 1 }) }).heal).toBe(false);
    expect(decideLive(again.state, { type: "resync", seq: 1 }).heal).toBe(true);
  });
  it("answers presence, channel and gone conversations with a few refetches", () => {
    const ready = decideLive(initialLiveState, { type: "ready" });
    const d = decideLive(ready.state, { type: "live", frame: frame({ seq: 1, notices: [{ type: "presence.updated", userId: ME }, { type: "channel.updated", channelId: "ch" }], gone: ["x"] }) });
    expect(d.invalidate).toEqual([queryKeys.teammates, queryKeys.teamView, queryKeys.channels, queryKeys.me, queryKeys.conversations.detail("x"), queryKeys.messages.list("x")]);
  });
  it("refetches /api/me when the signed-in user's own availability changed, and the team view on team changes", () => {
    const ready = decideLive(initialLiveState, { type: "ready" });
    const mine = decideLive(ready.state, { type: "live", frame: frame({ seq: 1, notices: [{ type: "presence.updated", userId: ME }] }) }, ME);
    expect(mine.invalidate).toEqual([queryKeys.teammates, queryKeys.teamView, queryKeys.me]);
    const team = decideLive(ready.state, { type: "live", frame: frame({ seq: 1, notices: [{ type: "team.updated", teamId: "t1" }] }) }, ME);
    expect(team.invalidate).toEqual([queryKeys.teams, queryKeys.teamView]);
  });
  it("a template change (a webhook, a sync, a lead's edit) refetches the templates", () => {
    const ready = decideLive(initialLiveState, { type: "ready" });
    const d = decideLive(ready.state, { type: "live", frame: frame({ seq: 1, notices: [{ type: "template.updated", templateId: null }] }) });
    expect(d.invalidate).toEqual([queryKeys.templates.root]);
  });
  it("refetches bookings when a booking changed", () => {
    const ready = decideLive(initialLiveState, { type: "ready" });
    const d = decideLive(ready.state, { type: "live", frame: frame({ seq: 1, notices: [{ type: "booking.updated", contactId: "c1" }] }) });
    expect(d.invalidate).toEqual([queryKeys.bookings.all]);
  });
  it("patches an open payment card from the frame and reads the leads' lists and refund queue again", () => {
    const base = { id: "p1", status: "pending", amountRefunded: 0, refunds: [] } as unknown as PaymentRequestDetail;
    const paid = { ...base, status: "paid", refunds: [{ id: "r1", status: "requested" }] } as unknown as PaymentRequestDetail;
    const f = frame({ seq: 1, payments: [paid] });
    expect(patchQueryData(queryKeys.payments.detail("p1"), base, f, { meId: ME })).toEqual(paid);
    expect(patchQueryData(queryKeys.payments.detail("p2"), base, f, { meId: ME })).toBe(base);
    const list = { pages: [], pageParams: [] };
    expect(patchQueryData(queryKeys.payments.list({}), list, f, { meId: ME })).toBe(list);
    const ready = decideLive(initialLiveState, { type: "ready" });
    expect(decideLive(ready.state, { type: "live", frame: f }).invalidate).toEqual([queryKeys.payments.lists(), queryKeys.payments.waitingRefunds()]);
    expect(decideLive(ready.state, { type: "live", frame: frame({ seq: 1 }) }).invalidate).toEqual([]);
  });
});
