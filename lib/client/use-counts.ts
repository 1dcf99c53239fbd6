"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { ViewCounts } from "./types";

export function useCounts() {
  return useQuery({
    queryKey: queryKeys.conversations.counts(),
    queryFn: ({ signal }) => api<ViewCounts>("/api/conversations/counts", { signal }),
  });
}
