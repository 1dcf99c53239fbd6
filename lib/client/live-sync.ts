// Applies the live stream to a TanStack QueryClient: patches caches with each frame and refetches
// only to heal (reconnect, resync, a gap in the numbering). No React and no EventSource, so the
// hook (use-realtime.ts) and bench:realtime's headless tabs run exactly this code.
import type { InvalidateQueryFilters, Query, QueryClient, QueryKey } from "@tanstack/react-query";
import { decideLive, initialLiveState, isLiveKey, patchQueryData, type LiveInput, type LiveState } from "./live-patch";
import { queryKeys } from "./query-keys";
import type { LiveFrame, Me } from "./types";

// Frames kept to replay over a fetch that was in flight when they arrived (its answer may predate them).
const REPLAY_FRAMES = 500;

const registry = new WeakMap<QueryClient, LiveSync>();

/** The live stream applied to this client, if one is (use-send-reply asks whether it is open). */
export function liveSyncOf(client: QueryClient): LiveSync | undefined {
  return registry.get(client);
}

export class LiveSync {
  private state: LiveState = initialLiveState;
  private open = false;
  private received = 0;
  private recent: { n: number; frame: LiveFrame }[] = [];
  private fetchStartedAt = new Map<string, number>();
  private readAgainOnLanding = new Set<string>();
  private readonly unsubscribe: () => void;
  readonly stats = { frames: 0, heals: 0, patches: 0, catchUps: 0 };

  constructor(private readonly client: QueryClient) {
    registry.set(client, this);
    // Queries already loading (a page mounts its queries before the stream exists) count as started before any frame.
    for (const q of client.getQueryCache().getAll()) if (q.state.fetchStatus === "fetching" && isLiveKey(q.queryKey)) this.fetchStartedAt.set(q.queryHash, 0);
    // A fetch that started before a frame and lands after it would drop the frame's change:
    // note when each fetch starts, and replay the frames that arrived meanwhile on its answer.
    this.unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.type !== "updated") return;
      const hash = event.query.queryHash;
      const action = event.action;
      if ((action.type === "success" || action.type === "error") && this.readAgainOnLanding.delete(hash)) {
        void client.invalidateQueries({ queryKey: event.query.queryKey, exact: true });
      }
      if (!isLiveKey(event.query.queryKey)) return;
      if (action.type === "fetch") {
        if (!this.fetchStartedAt.has(hash)) this.fetchStartedAt.set(hash, this.received);
      } else if (action.type === "success" && !action.manual) {
        const since = this.fetchStartedAt.get(hash);
        this.fetchStartedAt.delete(hash);
        if (since !== undefined && since < this.received) this.replay(event.query, since);
      } else if (action.type === "error") {
        this.fetchStartedAt.delete(hash);
      }
    });
  }

  /** Whether frames are arriving (between `ready` and a disconnect). */
  get isOpen(): boolean {
    return this.open;
  }

  handle(input: LiveInput) {
    const d = decideLive(this.state, input, this.meId());
    this.state = d.state;
    if (input.type === "ready") this.open = true;
    if (d.patch) this.apply(d.patch);
    for (const queryKey of d.invalidate) this.invalidate({ queryKey });
    if (d.catchUp) {
      this.stats.catchUps++;
      // Only what was read (or is being read) before the stream opened: a query mounted later starts after the subscription.
      this.invalidate({ predicate: (q) => q.state.dataUpdatedAt > 0 || q.state.fetchStatus === "fetching" });
    }
    if (d.heal) {
      this.stats.heals++;
      this.recent = [];
      this.invalidate();
    }
  }

  /**
   * Invalidates, and makes sure a first load already in flight is read again when it lands: TanStack
   * joins such a load instead of restarting it, and its answer may predate the change (a booking
   * filed while the panel was loading, which then said "No bookings" until a reload).
   */
  private invalidate(filters: InvalidateQueryFilters = {}) {
    for (const q of this.client.getQueryCache().findAll(filters)) if (q.state.data === undefined && q.state.fetchStatus === "fetching") this.readAgainOnLanding.add(q.queryHash);
    void this.client.invalidateQueries(filters);
  }

  /** The stream dropped: frames stop until the next `ready`, which heals. */
  disconnected() {
    this.open = false;
  }

  dispose() {
    this.unsubscribe();
    if (registry.get(this.client) === this) registry.delete(this.client);
  }

  private meId(): string | null {
    return this.client.getQueryData<Me>(queryKeys.me)?.user.id ?? null;
  }

  private apply(frame: LiveFrame) {
    this.stats.frames++;
    this.received++;
    this.recent.push({ n: this.received, frame });
    if (this.recent.length > REPLAY_FRAMES) this.recent.shift();
    const ctx = { meId: this.meId() };
    for (const query of this.client.getQueryCache().getAll()) {
      if (query.state.data === undefined || !isLiveKey(query.queryKey)) continue;
      this.patch(query.queryKey, query.state.data, frame, ctx);
    }
  }

  private replay(query: Query, since: number) {
    const ctx = { meId: this.meId() };
    for (const { n, frame } of this.recent) {
      const data = this.client.getQueryData(query.queryKey);
      if (n > since && data !== undefined) this.patch(query.queryKey, data, frame, ctx);
    }
  }

  private patch(queryKey: QueryKey, data: unknown, frame: LiveFrame, ctx: { meId: string | null }) {
    const next = patchQueryData(queryKey, data, frame, ctx);
    if (next === data) return;
    this.stats.patches++;
    // A patch is the server's current state: it does not make the query stale or refetch it.
    this.client.setQueryData(queryKey, next);
  }
}
