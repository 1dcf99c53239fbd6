"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { listFieldsFromDetail, patchDetail, patchListItems } from "./cache";
import { queryKeys } from "./query-keys";
import type { ConversationDetail, ConversationPatch } from "./types";

/**
 * PATCHes status, priority, assignee or team. Status and priority change on screen at once
 * and roll back if the server refuses; the server's answer then replaces the detail.
 */
export function useUpdateConversation(id: string) {
  const client = useQueryClient();
  const detailKey = queryKeys.conversations.detail(id);
  return useMutation({
    mutationKey: ["updateConversation", id],
    mutationFn: (patch: ConversationPatch) => api<ConversationDetail>(`/api/conversations/${id}`, { method: "PATCH", body: patch }),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: detailKey });
      const previous = client.getQueryData<ConversationDetail>(detailKey);
      const optimistic: Partial<ConversationDetail> = {};
      if (patch.status) optimistic.status = patch.status;
      if (patch.priority) optimistic.priority = patch.priority;
      if (patch.snoozedUntil) optimistic.snoozedUntil = patch.snoozedUntil;
      if (Object.keys(optimistic).length > 0) patchDetail(client, id, optimistic);
      return { previous };
    },
    onError: (_err, _patch, ctx) => {
      if (ctx?.previous) client.setQueryData(detailKey, ctx.previous);
    },
    onSuccess: (detail) => {
      client.setQueryData(detailKey, detail);
      patchListItems(client, id, (item) => ({ ...item, ...listFieldsFromDetail(detail) }));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.conversations.lists() });
      void client.invalidateQueries({ queryKey: queryKeys.conversations.counts() });
      void client.invalidateQueries({ queryKey: queryKeys.messages.list(id) });
    },
  });
}
