"use client";

import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { NotificationPage } from "./types";

const PAGE = 20;

/** The signed-in user's notifications (newest first) and the unread count, kept live by the stream. */
export function useNotifications() {
  const query = useInfiniteQuery({
    queryKey: queryKeys.notifications.list(),
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ limit: String(PAGE) });
      if (pageParam) q.set("cursor", pageParam);
      return api<NotificationPage>(`/api/notifications?${q}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Infinity,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items, unread: query.data?.pages[0]?.unread ?? 0 };
}

/** Marks some (`ids`) or all notifications read: at once on screen, the server's count after. */
export function useMarkNotificationsRead() {
  const client = useQueryClient();
  const key = queryKeys.notifications.list();
  return useMutation({
    mutationKey: ["markNotificationsRead"],
    mutationFn: (input: { ids: string[] } | { all: true }) => api<{ unread: number }>("/api/notifications/read", { method: "POST", body: input }),
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<InfiniteData<NotificationPage>>(key);
      if (previous) {
        const ids = "ids" in input ? new Set(input.ids) : null;
        const at = new Date().toISOString();
        let marked = 0;
        const pages = previous.pages.map((p) => ({
          ...p,
          items: p.items.map((n) => {
            if (n.readAt || (ids && !ids.has(n.id))) return n;
            marked++;
            return { ...n, readAt: at };
          }),
        }));
        const unread = ids ? Math.max(0, (previous.pages[0]?.unread ?? 0) - marked) : 0;
        client.setQueryData(key, { ...previous, pages: pages.map((p, i) => (i === 0 ? { ...p, unread } : p)) });
      }
      return { previous };
    },
    onError: (_err, _input, ctx) => {
      if (ctx?.previous) client.setQueryData(key, ctx.previous);
    },
    onSuccess: ({ unread }) => {
      const data = client.getQueryData<InfiniteData<NotificationPage>>(key);
      if (data) client.setQueryData(key, { ...data, pages: data.pages.map((p, i) => (i === 0 ? { ...p, unread } : p)) });
    },
  });
}
