"use client";

import { useEffect, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { LiveSync } from "./live-sync";
import type { LiveFrame, ResyncFrame } from "./types";

export type RealtimeState = "connecting" | "open" | "reconnecting";

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * One EventSource to /api/events per tab (mount once, in the app layout). Each `live` frame
 * carries the changed rows and is patched into the caches (lib/client/live-sync.ts); the tab
 * refetches only to heal: after a reconnect (a `ready` after the first), a `resync`, or a gap.
 */
export function useRealtime(): RealtimeState {
  const client = useQueryClient();
  const [state, setState] = useState<RealtimeState>("connecting");

  useEffect(() => {
    const live = new LiveSync(client);
    let source: EventSource | null = null;
    let disposed = false;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const connect = () => {
      if (disposed) return;
      const es = new EventSource("/api/events");
      source = es;
      es.addEventListener("ready", () => {
        attempt = 0;
        setState("open");
        live.handle({ type: "ready" });
      });
      es.addEventListener("resync", (e) => {
        let seq = 0;
        try {
          seq = (JSON.parse((e as MessageEvent<string>).data) as ResyncFrame).seq;
        } catch {
          /* a resync heals whatever its number */
        }
        live.handle({ type: "resync", seq });
      });
      es.addEventListener("live", (e) => {
        let frame: LiveFrame;
        try {
          frame = JSON.parse((e as MessageEvent<string>).data) as LiveFrame;
        } catch {
          // Unreadable: treat it as lost, which the numbering turns into a heal with the next frame.
          return;
        }
        live.handle({ type: "live", frame });
      });
      es.onerror = () => {
        if (disposed) return;
        live.disconnected();
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
      source?.close();
      live.dispose();
      window.removeEventListener("online", wake);
      document.removeEventListener("visibilitychange", wake);
    };
  }, [client]);

  return state;
}
