"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { Teammate } from "./types";

export function useTeammates() {
  return useQuery({
    queryKey: queryKeys.teammates,
    queryFn: ({ signal }) => api<{ items: Teammate[] }>("/api/teammates", { signal }),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
  });
}
