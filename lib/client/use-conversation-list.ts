"use client";

import { useMemo } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { InboxFilters } from "./inbox-filters";
import type { ConversationListItem, ConversationPage } from "./types";

export const CONVERSATION_PAGE_SIZE = 40;

export function conversationListUrl(f: InboxFilters, cursor: string | null): string {
  const q = new URLSearchParams({ view: f.view, limit: String(CONVERSATION_PAGE_SIZE) });
  if (f.status) q.set("status", f.status);
  if (f.team) q.set("team", f.team);
  if (f.label) q.set("label", f.label);
  if (cursor) q.set("cursor", cursor);
  return `/api/conversations?${q}`;
}

/** One view of the inbox, newest activity first, a keyset page at a time. */
export function useConversationList(filters: InboxFilters) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversations.list(filters),
    queryFn: ({ pageParam, signal }) => api<ConversationPage>(conversationListUrl(filters, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // A conversation that gains activity between two page loads can appear on both pages.
  const items = useMemo(() => {
    const seen = new Set<string>();
    const out: ConversationListItem[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        out.push(item);
      }
    }
    return out;
  }, [query.data]);
  return { ...query, items };
}
