import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { countViewsForUsers, type ViewCounts } from "@/lib/conversations/view-counts";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/types";
import { subscribe, type Bus, type BusMessage } from "@/lib/realtime/bus";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { audienceKey, audienceOf, visibleChanges } from "./audience";
import { isEmptyChanges, type LiveChanges } from "./frame";
import { hydrateEvents, mayChangeCounts } from "./hydrate";
import { describeError } from "@/lib/errors/app-error";

/** One open stream, as the hub sees it. `send` numbers the event; `data` gets that number. */
export type LiveMember = {
  actor: Actor;
  send(event: "live" | "resync", data: (seq: number) => string): void;
};

// Events of one transaction arrive together; a few ms more gathers a burst into one read.
const COALESCE_MS = 4;

type WorkspaceHub = {
  members: Map<LiveMember, { lastCounts?: string }>;
  pending: RealtimeEvent[];
  timer?: ReturnType<typeof setTimeout>;
  running: boolean;
  unsubscribe?: Promise<() => void>;
};

export type LiveHub = { join(member: LiveMember): Promise<() => void> };

/**
 * Streams grouped by workspace: each workspace's events are gathered for a few ms, read once
 * (hydrateEvents + one grouped count for all its users) and handed to each of its streams.
 */
export function createLiveHub(deps: { getDb: () => Promise<Db>; subscribe: Bus["subscribe"] }): LiveHub {
  const hubs = new Map<string, WorkspaceHub>();

  /** Adds a stream to its workspace's hub; resolves once events flow to it, with the way out. */
  async function join(member: LiveMember): Promise<() => void> {
    const workspaceId = member.actor.workspaceId;
    let hub = hubs.get(workspaceId);
    if (!hub) {
      const created: WorkspaceHub = { members: new Map(), pending: [], running: false };
      created.unsubscribe = deps.subscribe(workspaceId, (m) => onBus(workspaceId, m));
      created.unsubscribe.catch(() => hubs.get(workspaceId) === created && hubs.delete(workspaceId));
      hubs.set(workspaceId, (hub = created));
    }
    hub.members.set(member, {});
    try {
      await hub.unsubscribe;
    } catch (err) {
      hub.members.delete(member);
      throw err;
    }
    const joined = hub;
    return () => {
      joined.members.delete(member);
      if (joined.members.size > 0 || hubs.get(workspaceId) !== joined) return;
      hubs.delete(workspaceId);
      clearTimeout(joined.timer);
      void joined.unsubscribe?.then((stop) => stop(), () => undefined);
    };
  }

  function onBus(workspaceId: string, message: BusMessage) {
    const hub = hubs.get(workspaceId);
    if (!hub) return;
    if (message.type === "resync") return resyncAll(hub);
    hub.pending.push(message);
    schedule(hub, workspaceId);
  }

  function schedule(hub: WorkspaceHub, workspaceId: string) {
    if (hub.running || hub.timer) return;
    hub.timer = setTimeout(() => {
      hub.timer = undefined;
      void flush(hub, workspaceId);
    }, COALESCE_MS);
  }

  /** Reads the batch once, then hands each stream its view of it. One batch at a time, in order. */
  async function flush(hub: WorkspaceHub, workspaceId: string) {
    const events = hub.pending.splice(0);
    if (events.length === 0) return;
    hub.running = true;
    try {
      const db = await deps.getDb();
      const userIds = [...new Set([...hub.members.keys()].map((m) => m.actor.userId))];
      const [changes, counts] = await Promise.all([
        hydrateEvents(db, { workspaceId, events }),
        mayChangeCounts(events) && userIds.length > 0 ? countViewsForUsers(db, { workspaceId, userIds }) : undefined,
      ]);
      fanOut(hub, changes, counts);
    } catch (err) {
      // Whatever this batch said is lost: every stream refetches what it shows.
      console.error(`[live] could not read a batch of changes: ${describeError(err)}`);
      resyncAll(hub);
    } finally {
      hub.running = false;
      if (hub.pending.length > 0) schedule(hub, workspaceId);
    }
  }

  return { join };
}

function fanOut(hub: WorkspaceHub, changes: LiveChanges, counts: Map<string, ViewCounts> | undefined) {
  // Serialised once per audience, not per stream: 200 tabs cost one JSON.stringify.
  const bodies = new Map<string, string | null>();
  for (const [member, state] of hub.members) {
    const audience = audienceOf(member.actor);
    const key = audienceKey(member.actor, changes);
    let body = bodies.get(key);
    if (body === undefined) {
      const visible = visibleChanges(member.actor, changes);
      body = isEmptyChanges(visible) ? null : JSON.stringify(visible).slice(1);
      bodies.set(key, body);
    }
    const mine = counts?.get(member.actor.userId);
    const countsJson = mine && audience !== "none" ? JSON.stringify(mine) : undefined;
    const newCounts = countsJson !== undefined && countsJson !== state.lastCounts;
    if (body === null && !newCounts) continue;
    if (newCounts) state.lastCounts = countsJson;
    const rest = body ?? `"messages":[],"conversations":[],"details":[],"gone":[],"notices":[],"payments":[]}`;
    member.send("live", (seq) => `{"seq":${seq}${newCounts ? `,"counts":${countsJson}` : ""},${rest}`);
  }
}

function resyncAll(hub: WorkspaceHub) {
  for (const [member, state] of hub.members) {
    state.lastCounts = undefined;
    member.send("resync", (seq) => `{"seq":${seq}}`);
  }
}

// Per process (Next evaluates modules more than once): every stream of this process.
const g = globalThis as unknown as { __sportelloLive?: LiveHub };

export function joinLive(member: LiveMember): Promise<() => void> {
  g.__sportelloLive ??= createLiveHub({ getDb, subscribe });
  return g.__sportelloLive.join(member);
}
