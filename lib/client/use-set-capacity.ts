"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { TeamView } from "./types";

/** A lead sets how many open conversations auto-assignment gives someone (PATCH /api/teams/members/:userId). */
export function useSetCapacity() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["setCapacity"],
    mutationFn: ({ userId, capacity }: { userId: string; capacity: number }) =>
      api<{ userId: string; capacity: number; assigned: number }>(`/api/teams/members/${userId}`, { method: "PATCH", body: { capacity } }),
    onMutate: async ({ userId, capacity }) => {
      await client.cancelQueries({ queryKey: queryKeys.teamView });
      const previous = client.getQueryData<TeamView>(queryKeys.teamView);
      client.setQueryData<TeamView>(queryKeys.teamView, (v) => v && { ...v, agents: v.agents.map((a) => (a.id === userId ? { ...a, capacity } : a)) });
      return { previous };
    },
    onError: (_err, _vars, ctx) => {
      if (ctx?.previous) client.setQueryData(queryKeys.teamView, ctx.previous);
    },
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.teamView }),
  });
}
