"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { Team } from "./types";

export function useTeams() {
  return useQuery({
    queryKey: queryKeys.teams,
    queryFn: ({ signal }) => api<{ items: Team[] }>("/api/teams", { signal }),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
  });
}
