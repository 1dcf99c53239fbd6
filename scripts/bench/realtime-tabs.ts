// Headless tabs for bench:realtime: each is the app's browser client minus the DOM — a TanStack
// QueryClient with the queries an open thread in the inbox mounts (me, teams, teammates, the
// list, the counts, the detail and the messages), fed by an SSE stream of /api/events, and
// handling each event with the app's own code (lib/client/live-sync.ts, as use-realtime.ts wires
// it to an EventSource), so its requests are the ones a real tab makes.
import http from "node:http";
import { readSse, signInCookie } from "./process-tools";
import { environmentManager, InfiniteQueryObserver, QueryObserver } from "@tanstack/react-query";
import { LiveSync } from "../../lib/client/live-sync";
import { makeQueryClient } from "../../lib/client/query-client";
import { queryKeys } from "../../lib/client/query-keys";
import { conversationListUrl } from "../../lib/client/use-conversation-list";
import { messagePageUrl } from "../../lib/client/use-messages";
import type { InboxFilters } from "../../lib/client/inbox-filters";
import type { LiveFrame, ResyncFrame } from "../../lib/client/types";

// A tab is a browser: refetch timers and defaults as on the client, not as on a server.
environmentManager.setIsServer(() => false);

export const BENCH_HEADER = "x-bench-client";

/** Signs in as a tab would; its requests are marked as setup, not as the bench's own. */
export const signIn = (baseUrl: string, email: string, password: string) => signInCookie(baseUrl, email, password, { [BENCH_HEADER]: "setup" });


export type TabStats = { frames: number; bytes: number; heals: number };

export class HeadlessTab {
  readonly client = makeQueryClient();
  readonly stats: TabStats = { frames: 0, bytes: 0, heals: 0 };
  private live?: LiveSync;
  private unsubscribers: (() => void)[] = [];
  private sse?: http.ClientRequest;

  constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly conversationId: string,
    private readonly filters: InboxFilters = { view: "all", status: null, team: null },
  ) {}

  private get = async <T>(path: string, signal?: AbortSignal): Promise<T> => {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie, accept: "application/json", [BENCH_HEADER]: "tabs" }, signal });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return (await res.json()) as T;
  };

  /** Mounts the page's queries and waits until they have data. */
  async load(): Promise<void> {
    const id = this.conversationId;
    const c = this.client;
    const observers: { subscribe(fn: () => void): () => void; getCurrentResult(): { status: string } }[] = [
      new QueryObserver(c, { queryKey: queryKeys.me, queryFn: ({ signal }) => this.get("/api/me", signal), staleTime: 5 * 60_000 }),
      new QueryObserver(c, { queryKey: queryKeys.teams, queryFn: ({ signal }) => this.get("/api/teams", signal) }),
      new QueryObserver(c, { queryKey: queryKeys.teammates, queryFn: ({ signal }) => this.get("/api/teammates", signal) }),
      new QueryObserver(c, { queryKey: queryKeys.conversations.counts(), queryFn: ({ signal }) => this.get("/api/conversations/counts", signal) }),
      new QueryObserver(c, { queryKey: queryKeys.conversations.detail(id), queryFn: ({ signal }) => this.get(`/api/conversations/${id}`, signal) }),
      new InfiniteQueryObserver(c, {
        queryKey: queryKeys.conversations.list(this.filters),
        queryFn: ({ pageParam, signal }) => this.get<{ nextCursor: string | null }>(conversationListUrl(this.filters, pageParam), signal),
        initialPageParam: null as string | null,
        getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
      }),
      new InfiniteQueryObserver(c, {
        queryKey: queryKeys.messages.list(id),
        queryFn: ({ pageParam, signal }) => this.get<{ nextCursor: string | null }>(messagePageUrl(id, pageParam), signal),
        initialPageParam: null as string | null,
        getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
      }),
    ];
    for (const o of observers) this.unsubscribers.push(o.subscribe(() => {}));
    const until = Date.now() + 60_000;
    while (!observers.every((o) => o.getCurrentResult().status === "success")) {
      if (Date.now() > until) throw new Error("a tab did not load within 60 s");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Opens /api/events and hands its events to LiveSync as use-realtime.ts does; resolves on `ready`. */
  connect(): Promise<void> {
    const live = (this.live = new LiveSync(this.client));
    return new Promise((resolve, reject) => {
      const url = new URL(`${this.baseUrl}/api/events`);
      this.sse = http.get(url, { headers: { cookie: this.cookie, accept: "text/event-stream", [BENCH_HEADER]: "tabs" } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`/api/events: ${res.statusCode}`));
        readSse(res, (f) => {
          this.stats.frames++;
          this.stats.bytes += f.data.length;
          if (f.event === "ready") {
            live.handle({ type: "ready" });
            resolve();
          } else if (f.event === "resync") {
            live.handle({ type: "resync", seq: (JSON.parse(f.data) as ResyncFrame).seq });
          } else if (f.event === "live") {
            live.handle({ type: "live", frame: JSON.parse(f.data) as LiveFrame });
          }
          this.stats.heals = live.stats.heals;
        });
        res.on("close", () => live.disconnected());
      });
      this.sse.on("error", (err) => reject(err));
    });
  }

  close() {
    this.sse?.destroy();
    this.live?.dispose();
    for (const u of this.unsubscribers) u();
    this.client.clear();
  }
}
