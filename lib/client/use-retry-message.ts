"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";

/** Sends a failed outbound message again (the server answers 409 when that is not possible). */
export function useRetryMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["retryMessage", conversationId],
    mutationFn: (messageId: string) =>
      api<{ id: string; status: "queued" }>(`/api/conversations/${conversationId}/messages/${messageId}/retry`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.messages.list(conversationId) }),
  });
}
