"use client";

import { useCallback, useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import type { ViewersData } from "./collab-patch";
import { queryKeys } from "./query-keys";
import { useMe } from "./use-me";
import { usePageVisible } from "./use-media";
import { useNow } from "./use-now";

// Presence in a thread (lib/presence on the server): a heartbeat while the thread is open and
// visible, typing when the reply box changes, a goodbye when leaving. The server tells everyone
// else through the live stream (`viewers.updated`), which patches `queryKeys.viewers(id)`.

/** A heartbeat this often while the thread is open and visible. */
export const HEARTBEAT_MS = 15_000;
/** Mirrors lib/presence/viewers.ts: a viewer not renewed for this long is gone. */
const VIEWER_TTL_MS = 40_000;
const TYPING_TTL_MS = 20_000;
/** No keystroke for this long: "typing" ends. */
const TYPING_IDLE_MS = 5_000;
/** While typing goes on, tell the server again this often (it renews typing_at every 10 s). */
const TYPING_RESEND_MS = 5_000;

type TypingState = { typing: boolean; lastSent: number; idle?: ReturnType<typeof setTimeout> };
// Shared by the thread's heartbeat and the composer's keystrokes (per conversation, this tab).
const typingStates = new Map<string, TypingState>();
const stateOf = (id: string) => typingStates.get(id) ?? typingStates.set(id, { typing: false, lastSent: 0 }).get(id)!;

const url = (id: string) => `/api/conversations/${id}/viewers`;
const put = (id: string, typing: boolean) => api(url(id), { method: "PUT", body: { typing } }).catch(() => undefined);

/** Mount once per open thread: heartbeats while visible, leaves when hidden, closed or navigated away. */
export function useViewerHeartbeat(conversationId: string): void {
  const visible = usePageVisible();
  useEffect(() => {
    if (!visible) return;
    const state = stateOf(conversationId);
    void put(conversationId, state.typing);
    const beat = setInterval(() => void put(conversationId, state.typing), HEARTBEAT_MS);
    // keepalive: the request outlives a closing tab.
    const leave = () => void api(url(conversationId), { method: "DELETE", keepalive: true }).catch(() => undefined);
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(beat);
      clearTimeout(state.idle);
      state.typing = false;
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [conversationId, visible]);
}

/**
 * For the reply box: `typing()` on each keystroke (teammates see "typing…", and the server shows
 * the customer WhatsApp's indicator while the window is open), `stopTyping()` once sent.
 */
export function useTypingPresence(conversationId: string): { typing: () => void; stopTyping: () => void } {
  const stopTyping = useCallback(() => {
    const state = stateOf(conversationId);
    clearTimeout(state.idle);
    if (!state.typing) return;
    state.typing = false;
    void put(conversationId, false);
  }, [conversationId]);
  const typing = useCallback(() => {
    const state = stateOf(conversationId);
    clearTimeout(state.idle);
    state.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
    const now = Date.now();
    if (state.typing && now - state.lastSent < TYPING_RESEND_MS) return;
    state.typing = true;
    state.lastSent = now;
    void put(conversationId, true);
  }, [conversationId, stopTyping]);
  return { typing, stopTyping };
}

export type ThreadViewer = { userId: string; name: string; typing: boolean };

/**
 * The teammates in this thread besides me, live. Ages are counted from when the list arrived, so
 * a viewer whose tab vanished without a goodbye drops out after 40 s on its own.
 */
export function useThreadViewers(conversationId: string): ThreadViewer[] {
  const { data: me } = useMe();
  const query = useQuery({
    queryKey: queryKeys.viewers(conversationId),
    queryFn: ({ signal }) => api<ViewersData>(url(conversationId), { signal }),
    // Kept current by the live stream; refetched only when healing.
    staleTime: Infinity,
  });
  const now = useNow(5_000).getTime();
  const elapsed = Math.max(0, now - query.dataUpdatedAt);
  return (query.data?.items ?? [])
    .filter((v) => v.userId !== me?.user.id && v.seenAgoMs + elapsed < VIEWER_TTL_MS)
    .map((v) => ({ userId: v.userId, name: v.name, typing: v.typing && v.typingAgoMs !== null && v.typingAgoMs + elapsed < TYPING_TTL_MS }));
}
