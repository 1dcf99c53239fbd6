"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { TeamView } from "./types";

/** The lead's view of everyone's load (GET /api/team); live frames mark it stale (lib/client/live-patch.ts). */
export function useTeamView() {
  return useQuery({
    queryKey: queryKeys.teamView,
    queryFn: ({ signal }) => api<TeamView>("/api/team", { signal }),
    staleTime: 60_000,
  });
}
