"use client";

import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";
import type { ConversationDetail, ConversationListItem, ConversationPage } from "./types";

/** Rewrites one conversation's row in every loaded list, without refetching. */
export function patchListItems(client: QueryClient, id: string, patch: (item: ConversationListItem) => ConversationListItem) {
  client.setQueriesData<InfiniteData<ConversationPage>>({ queryKey: queryKeys.conversations.lists() }, (data) => {
    if (!data) return data;
    let changed = false;
    const pages = data.pages.map((page) => {
      if (!page.items.some((i) => i.id === id)) return page;
      changed = true;
      return { ...page, items: page.items.map((i) => (i.id === id ? patch(i) : i)) };
    });
    return changed ? { ...data, pages } : data;
  });
}

/** The list-row fields that a fresh detail tells us. */
export function listFieldsFromDetail(d: ConversationDetail): Partial<ConversationListItem> {
  return {
    status: d.status,
    priority: d.priority,
    unreadCount: d.unreadCount,
    snoozedUntil: d.snoozedUntil,
    assignee: d.assignee,
    team: d.team,
    labels: d.labels,
  };
}

export function patchDetail(client: QueryClient, id: string, patch: Partial<ConversationDetail>) {
  client.setQueryData<ConversationDetail>(queryKeys.conversations.detail(id), (d) => (d ? { ...d, ...patch } : d));
}
