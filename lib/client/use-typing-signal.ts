"use client";

import { useCallback, useRef } from "react";
import { api } from "./api";

/** The server refreshes WhatsApp's indicator at most every 20 s; asking more often is wasted requests. */
const EVERY_MS = 20_000;

/**
 * Call on each keystroke in the reply box: the customer sees "typing…" on WhatsApp. Best effort,
 * only while the window is open; a failure is silent (it is a courtesy, not a message).
 */
export function useTypingSignal(conversationId: string, windowOpen: boolean): () => void {
  const last = useRef(0);
  return useCallback(() => {
    if (!windowOpen) return;
    const now = Date.now();
    if (now - last.current < EVERY_MS) return;
    last.current = now;
    void api(`/api/conversations/${conversationId}/typing`, { method: "POST" }).catch(() => undefined);
  }, [conversationId, windowOpen]);
}
