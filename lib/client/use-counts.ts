"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { ViewCounts } from "@/lib/client/types";

export function useCounts() {
  return useQuery({
    queryKey: queryKeys.conversations.counts(),
    queryFn: ({ signal }) => api<ViewCounts>("/api/conversations/counts", { signal }),
  });
}
