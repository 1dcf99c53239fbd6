"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api";
import { queryKeys } from "./query-keys";
import type { ChangeSince, MessagePage } from "./types";

/** The newest stored message this tab shows in the thread (pages and items are newest first). */
export function newestSeenId(client: QueryClient, conversationId: string): string | undefined {
  const data = client.getQueryData<InfiniteData<MessagePage>>(queryKeys.messages.list(conversationId));
  return data?.pages[0]?.items.find((m) => !m.id.startsWith("pending-"))?.id;
}

/** What teammates wrote since the agent started, when a send was refused for it (409 conversation.changed_since). */
export function changesOf(err: unknown): ChangeSince[] | null {
  if (!isApiError(err) || err.reason !== "conversation.changed_since") return null;
  const changes = err.details?.changes;
  return Array.isArray(changes) ? (changes as ChangeSince[]) : [];
}

/**
 * The send-time guard, composer side. `seenUpTo` is the newest message in view when the draft
 * started (or when the thread opened on a kept draft); a teammate's reply or note after it makes
 * the server refuse the send and say what changed (`refused`). The agent then sends anyway
 * (`force`) or edits, which counts as having read it.
 */
export function useSendGuard(conversationId: string, draft: string) {
  const client = useQueryClient();
  const seen = useRef<string | undefined>(undefined);
  const [changes, setChanges] = useState<ChangeSince[] | null>(null);
  const hasDraft = draft.trim() !== "";

  useEffect(() => {
    if (hasDraft) seen.current ??= newestSeenId(client, conversationId);
    else seen.current = undefined;
  }, [hasDraft, client, conversationId]);

  /** The value to send with this draft. */
  const seenUpTo = useCallback(() => seen.current ?? newestSeenId(client, conversationId), [client, conversationId]);

  /** A failed send: true (and the changes shown) when it was the guard. */
  const refused = useCallback((err: unknown) => {
    const found = changesOf(err);
    if (!found) return false;
    setChanges(found);
    return true;
  }, []);

  /** "Edit": what changed has been read; the next send is measured from now. */
  const acknowledge = useCallback(() => {
    seen.current = newestSeenId(client, conversationId);
    setChanges(null);
  }, [client, conversationId]);

  const dismiss = useCallback(() => setChanges(null), []);

  return { seenUpTo, changes, refused, acknowledge, dismiss };
}
