"use client";

import { useEffect, useState } from "react";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";
import type { RealtimeEvent } from "./types";

export type RealtimeState = "connecting" | "open" | "reconnecting";

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const FLUSH_MS = 150;

/** The cache keys an event makes stale. */
export function keysForEvent(event: RealtimeEvent): QueryKey[] {
  switch (event.type) {
    case "message.created":
    case "message.updated":
      return [
        queryKeys.messages.list(event.conversationId),
        queryKeys.conversations.detail(event.conversationId),
        queryKeys.conversations.lists(),
        queryKeys.conversations.counts(),
      ];
    case "conversation.updated":
      return [queryKeys.conversations.detail(event.conversationId), queryKeys.conversations.lists(), queryKeys.conversations.counts()];
    case "presence.updated":
      return [queryKeys.teammates];
    case "channel.updated":
      return [queryKeys.channels, queryKeys.me];
    default:
      return [];
  }
}

/**
 * One EventSource to /api/events per tab (mount once, in the app layout). `change` events
 * invalidate what they touch, batched so a burst refetches once. The server replays nothing,
 * so every reconnect (a `ready` after the first) and every `resync` invalidates everything.
 */
export function useRealtime(): RealtimeState {
  const client = useQueryClient();
  const [state, setState] = useState<RealtimeState>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let disposed = false;
    let connectedOnce = false;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const queued = new Map<string, QueryKey>();

    const flush = () => {
      flushTimer = undefined;
      const keys = [...queued.values()];
      queued.clear();
      for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    };
    const enqueue = (keys: QueryKey[]) => {
      for (const k of keys) queued.set(JSON.stringify(k), k);
      flushTimer ??= setTimeout(flush, FLUSH_MS);
    };
    const invalidateAll = () => {
      queued.clear();
      void client.invalidateQueries();
    };

    const connect = () => {
      if (disposed) return;
      const es = new EventSource("/api/events");
      source = es;
      es.addEventListener("ready", () => {
        attempt = 0;
        setState("open");
        if (connectedOnce) invalidateAll();
        connectedOnce = true;
      });
      es.addEventListener("resync", invalidateAll);
      es.addEventListener("change", (e) => {
        try {
          enqueue(keysForEvent(JSON.parse((e as MessageEvent<string>).data) as RealtimeEvent));
        } catch {
          /* a malformed event is ignored; the next resync covers it */
        }
      });
      es.onerror = () => {
        if (disposed) return;
        setState("reconnecting");
        // CONNECTING: the browser retries by itself. CLOSED (e.g. a non-200 answer): we retry.
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 30_000;
          attempt += 1;
          retryTimer = setTimeout(connect, delay);
        }
      };
    };

    // Coming back online or to the tab: reconnect now instead of waiting out the backoff.
    const wake = () => {
      if (disposed || document.visibilityState === "hidden") return;
      if (source && source.readyState === EventSource.CLOSED) {
        clearTimeout(retryTimer);
        attempt = 0;
        connect();
      }
    };

    connect();
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", wake);
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      source?.close();
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [client]);

  return state;
}
