"use client";

import { useMutation, useMutationState, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { api, type ApiError } from "./api";
import { liveSyncOf } from "./live-sync";
import { queryKeys } from "./query-keys";
import type { MessagePage } from "./types";

export type ReplyVariables = {
  text: string;
  clientMessageId: string;
  createdAt: string;
  /** The message this reply quotes (WhatsApp's context.message_id, resolved by the outbox). */
  replyToMessageId?: string;
  /** The send-time guard: the newest message in view when the draft started; `force` sends over what changed. */
  seenUpTo?: string;
  force?: boolean;
};

const sendKey = (conversationId: string) => ["sendReply", conversationId] as const;

/** A fresh idempotency key for one reply (matches /^[A-Za-z0-9_-]{8,64}$/). */
export function newClientMessageId(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID().replace(/-/g, "");
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Posts a reply. The clientMessageId makes a retried POST store one message, so network
 * failures are retried. The mutation stays pending until the thread holds the stored message,
 * which lets the thread show it optimistically (see usePendingReplies) without a flicker.
 */
export function useSendReply(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: sendKey(conversationId),
    mutationFn: ({ text, clientMessageId, replyToMessageId, seenUpTo, force }: ReplyVariables) =>
      api<{ id: string }>(`/api/conversations/${conversationId}/messages`, {
        method: "POST",
        body: { text, clientMessageId, ...(replyToMessageId ? { replyToMessageId } : {}), ...(seenUpTo ? { seenUpTo } : {}), ...(force ? { force } : {}) },
      }),
    retry: (count, err) => (err as ApiError).code === "network" && count < 2,
    onSuccess: (res) => settleAfterSend(client, conversationId, res.id),
  });
}

// The live stream usually brings our own message before the POST's answer; this long at most.
const LIVE_COPY_MS = 3_000;

const holds = (client: QueryClient, conversationId: string, messageId: string) =>
  client.getQueryData<InfiniteData<MessagePage>>(queryKeys.messages.list(conversationId))?.pages.some((p) => p.items.some((m) => m.id === messageId)) ?? false;

/**
 * After a send: when the live stream is open, wait for it to deliver the stored message into
 * the thread (no request); otherwise, or if it does not come in time, refetch what it changed.
 */
export async function settleAfterSend(client: QueryClient, conversationId: string, messageId: string | undefined): Promise<void> {
  const live = liveSyncOf(client);
  if (messageId && live?.isOpen && client.getQueryData(queryKeys.messages.list(conversationId)) !== undefined) {
    const arrived = await new Promise<boolean>((resolve) => {
      if (holds(client, conversationId, messageId)) return resolve(true);
      const timer = setTimeout(() => done(false), LIVE_COPY_MS);
      const unsubscribe = client.getQueryCache().subscribe(() => {
        if (holds(client, conversationId, messageId)) done(true);
      });
      function done(ok: boolean) {
        clearTimeout(timer);
        unsubscribe();
        resolve(ok);
      }
    });
    if (arrived) return;
  }
  await refreshAfterSend(client, conversationId);
}

/** What a message we sent changes: the thread, the conversation and the lists it sits in. */
export function refreshAfterSend(client: QueryClient, conversationId: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.messages.list(conversationId) }),
    client.invalidateQueries({ queryKey: queryKeys.conversations.detail(conversationId) }),
    client.invalidateQueries({ queryKey: queryKeys.conversations.lists() }),
    client.invalidateQueries({ queryKey: queryKeys.conversations.counts() }),
  ]);
}

/** Replies being sent from this tab, to draw as queued messages until the server has them. */
export function usePendingReplies(conversationId: string): ReplyVariables[] {
  return useMutationState({
    filters: { mutationKey: sendKey(conversationId), status: "pending" },
    select: (m) => m.state.variables as ReplyVariables,
  });
}
