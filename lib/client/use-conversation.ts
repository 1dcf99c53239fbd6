"use client";

import { useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { ConversationDetail, ConversationListItem, ConversationPage } from "./types";

export function useConversation(id: string) {
  return useQuery({
    queryKey: queryKeys.conversations.detail(id),
    queryFn: ({ signal }) => api<ConversationDetail>(`/api/conversations/${id}`, { signal }),
  });
}

/** The row of this conversation in any loaded list, to paint the header before the detail arrives. */
export function useListItemFromCache(id: string): ConversationListItem | undefined {
  const client = useQueryClient();
  const lists = client.getQueriesData<InfiniteData<ConversationPage>>({ queryKey: queryKeys.conversations.lists() });
  for (const [, data] of lists) {
    for (const page of data?.pages ?? []) {
      const hit = page.items.find((i) => i.id === id);
      if (hit) return hit;
    }
  }
  return undefined;
}
