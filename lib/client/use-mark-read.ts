"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { patchDetail, patchListItems } from "./cache";

/** Clears a conversation's unread badge, on screen first. */
export function useMarkRead(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["markRead", conversationId],
    mutationFn: () => api<{ changed: boolean }>(`/api/conversations/${conversationId}/read`, { method: "POST" }),
    onMutate: () => {
      patchDetail(client, conversationId, { unreadCount: 0 });
      patchListItems(client, conversationId, (item) => ({ ...item, unreadCount: 0 }));
    },
  });
}
