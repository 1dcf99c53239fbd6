"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { SearchResult } from "@/lib/search/search";
import { api } from "./api";
import { queryKeys } from "./query-keys";

export type { SearchHit, ContactHit, SearchResult } from "@/lib/search/search";
export type { Segment } from "@/lib/search/query-text";

export type SearchFilters = { q: string; status?: string; assignee?: string; label?: string; from?: string; to?: string };

export function searchParamsOf(f: SearchFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p;
}

/** Search results, newest first; off until at least two characters are typed. */
export function useSearch(filters: SearchFilters) {
  const params = searchParamsOf({ ...filters, q: filters.q.trim() }).toString();
  return useInfiniteQuery({
    queryKey: queryKeys.search(params),
    queryFn: ({ pageParam, signal }) => api<SearchResult>(`/api/search?${params}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: filters.q.trim().length >= 2,
    staleTime: 15_000,
  });
}
