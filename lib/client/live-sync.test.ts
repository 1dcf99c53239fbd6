import { afterEach, describe, expect, it } from "vitest";
import { InfiniteQueryObserver, QueryClient, QueryObserver, type InfiniteData } from "@tanstack/react-query";
import { LiveSync } from "./live-sync";
import { queryKeys } from "./query-keys";
import type { LiveFrame, MessageDto, MessagePage } from "./types";

const msg = (id: string, second: number): MessageDto => ({
  id, conversationId: "conv", direction: "inbound", authorType: "customer", author: null, kind: "text", text: id, payload: null,
  status: null, error: null, replyToMessageId: null, clientMessageId: null, createdAt: new Date(Date.UTC(2026, 0, 1, 10, 0, second)).toISOString(), mediaStatus: null, editedAt: null, revokedAt: null, echo: false,
});
const frame = (seq: number, messages: MessageDto[]): LiveFrame => ({ seq, messages, conversations: [], details: [], gone: [], notices: [], payments: [] });
const settle = () => new Promise((r) => setTimeout(r, 20));

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

/** A client with the thread mounted; `answer` resolves the pending fetch with what the server had. */
function mountThread() {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } });
  let fetches = 0;
  let answer: (page: MessagePage) => void = () => {};
  const observer = new InfiniteQueryObserver(client, {
    queryKey: queryKeys.messages.list("conv"),
    queryFn: () => {
      fetches++;
      return new Promise<MessagePage>((resolve) => (answer = resolve));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last: MessagePage) => last.nextCursor,
  });
  const unsubscribe = observer.subscribe(() => {});
  const live = new LiveSync(client);
  cleanup.push(() => (unsubscribe(), live.dispose(), client.clear()));
  const thread = () => client.getQueryData<InfiniteData<MessagePage>>(queryKeys.messages.list("conv"))?.pages.flatMap((p) => p.items.map((m) => m.id));
  return { client, live, thread, answer: (p: MessagePage) => answer(p), fetches: () => fetches };
}

describe("LiveSync", () => {
  it("patches the thread without a request", async () => {
    const t = mountThread();
    t.live.handle({ type: "ready" });
    t.answer({ items: [msg("m1", 1)], nextCursor: null });
    await settle();
    t.answer({ items: [msg("m1", 1)], nextCursor: null });
    await settle();
    const before = t.fetches();
    t.live.handle({ type: "live", frame: frame(1, [msg("m2", 2)]) });
    await settle();
    expect(t.thread()).toEqual(["m2", "m1"]);
    expect(t.fetches()).toBe(before);
  });

  it("catches up on the first ready: a change committed after the page was read, before the stream subscribed", async () => {
    const t = mountThread();
    t.answer({ items: [msg("m1", 1)], nextCursor: null });
    await settle();
    // m2 is committed now: no frame will ever carry it, the stream is not subscribed yet.
    t.live.handle({ type: "ready" });
    await settle();
    expect(t.fetches()).toBe(2);
    t.answer({ items: [msg("m2", 2), msg("m1", 1)], nextCursor: null });
    await settle();
    expect(t.thread()).toEqual(["m2", "m1"]);
    expect(t.live.stats).toMatchObject({ catchUps: 1, heals: 0 });
    // Later frames patch without another request.
    t.live.handle({ type: "live", frame: frame(1, [msg("m3", 3)]) });
    await settle();
    expect(t.thread()).toEqual(["m3", "m2", "m1"]);
    expect(t.fetches()).toBe(2);
  });

  it("reads nothing again on the first ready when nothing was read before it", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } });
    const live = new LiveSync(client);
    cleanup.push(() => (live.dispose(), client.clear()));
    live.handle({ type: "ready" });
    let fetches = 0;
    const observer = new InfiniteQueryObserver(client, {
      queryKey: queryKeys.messages.list("conv"),
      queryFn: () => (fetches++, Promise.resolve<MessagePage>({ items: [msg("m1", 1)], nextCursor: null })),
      initialPageParam: null as string | null,
      getNextPageParam: (last: MessagePage) => last.nextCursor,
    });
    cleanup.push(observer.subscribe(() => {}));
    await settle();
    expect(fetches).toBe(1);
    expect(live.stats.catchUps).toBe(1);
  });

  it("replays a frame that arrived while a fetch was in flight over that fetch's older answer", async () => {
    const t = mountThread();
    t.live.handle({ type: "ready" });
    // The page was read before m2 was committed; m2's frame arrives before the page does.
    t.live.handle({ type: "live", frame: frame(1, [msg("m2", 2)]) });
    t.answer({ items: [msg("m1", 1)], nextCursor: null });
    await settle();
    expect(t.thread()).toEqual(["m2", "m1"]);
    // That first load began before the stream subscribed, so it is read once more when it lands.
    expect(t.fetches()).toBe(2);
    t.answer({ items: [msg("m2", 2), msg("m1", 1)], nextCursor: null });
    await settle();
    expect(t.thread()).toEqual(["m2", "m1"]);
    expect(t.fetches()).toBe(2);
  });

  it("heals a gap by refetching what it shows", async () => {
    const t = mountThread();
    t.live.handle({ type: "ready" });
    t.answer({ items: [msg("m1", 1)], nextCursor: null });
    await settle();
    t.answer({ items: [msg("m1", 1)], nextCursor: null });
    await settle();
    const before = t.fetches();
    t.live.handle({ type: "live", frame: frame(1, []) });
    t.live.handle({ type: "live", frame: frame(3, [msg("m3", 3)]) });
    await settle();
    expect(t.fetches()).toBe(before + 1);
    t.answer({ items: [msg("m3", 3), msg("m2", 2), msg("m1", 1)], nextCursor: null });
    await settle();
    expect(t.thread()).toEqual(["m3", "m2", "m1"]);
    expect(t.live.stats.heals).toBe(1);
  });

  it("a notice that arrives while a panel's first load is in flight reads it again when it lands (the booking filed meanwhile shows)", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: false } } });
    const live = new LiveSync(client);
    live.handle({ type: "ready" });
    const answers: ((v: string[]) => void)[] = [];
    const observer = new QueryObserver(client, { queryKey: queryKeys.bookings.ofConversation("conv"), queryFn: () => new Promise<string[]>((resolve) => answers.push(resolve)) });
    cleanup.push(observer.subscribe(() => {}), () => (live.dispose(), client.clear()));
    await settle();
    expect(answers).toHaveLength(1);
    // The booking is committed and its notice arrives before the panel's first answer (read before the commit).
    live.handle({ type: "live", frame: { ...frame(1, []), notices: [{ type: "booking.updated", contactId: "c" }] } });
    answers[0]!([]);
    await settle();
    expect(answers).toHaveLength(2);
    answers[1]!(["K7XQ2M"]);
    await settle();
    expect(client.getQueryData(queryKeys.bookings.ofConversation("conv"))).toEqual(["K7XQ2M"]);
    await settle();
    expect(answers).toHaveLength(2);
  });

  it("is open between ready and a disconnect", () => {
    const t = mountThread();
    expect(t.live.isOpen).toBe(false);
    t.live.handle({ type: "ready" });
    expect(t.live.isOpen).toBe(true);
    t.live.disconnected();
    expect(t.live.isOpen).toBe(false);
  });
});
