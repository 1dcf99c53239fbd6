"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import { queryKeys } from "@/lib/client/query-keys";
import type { Teammate } from "@/lib/client/types";

export function useTeammates() {
  return useQuery({
    queryKey: queryKeys.teammates,
    queryFn: ({ signal }) => api<{ items: Teammate[] }>("/api/teammates", { signal }),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
  });
}
