"use client";

import { useMemo } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { MessageDto, MessagePage } from "./types";

export const MESSAGE_PAGE_SIZE = 50;

export function messagePageUrl(conversationId: string, cursor: string | null): string {
  const q = new URLSearchParams({ limit: String(MESSAGE_PAGE_SIZE) });
  if (cursor) q.set("cursor", cursor);
  return `/api/conversations/${conversationId}/messages?${q}`;
}

/** A thread's messages; pages arrive newest first and are returned oldest first for display. */
export function useMessages(conversationId: string) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.messages.list(conversationId),
    queryFn: ({ pageParam, signal }) => api<MessagePage>(messagePageUrl(conversationId, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const messages = useMemo(() => {
    const seen = new Set<string>();
    const newestFirst: MessageDto[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const m of page.items) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        newestFirst.push(m);
      }
    }
    return newestFirst.reverse();
  }, [query.data]);
  return { ...query, messages };
}
