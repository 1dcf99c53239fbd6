"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { TeamView } from "./types";

/** A lead switches a team's auto-assignment (PATCH /api/teams/:id); the switch moves at once. */
export function useSetAutoAssign() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["setAutoAssign"],
    mutationFn: ({ teamId, autoAssign }: { teamId: string; autoAssign: boolean }) =>
      api<{ id: string; autoAssign: boolean; assigned: number }>(`/api/teams/${teamId}`, { method: "PATCH", body: { autoAssign } }),
    onMutate: async ({ teamId, autoAssign }) => {
      await client.cancelQueries({ queryKey: queryKeys.teamView });
      const previous = client.getQueryData<TeamView>(queryKeys.teamView);
      client.setQueryData<TeamView>(queryKeys.teamView, (v) => v && { ...v, teams: v.teams.map((t) => (t.id === teamId ? { ...t, autoAssign } : t)) });
      return { previous };
    },
    onError: (_err, _vars, ctx) => {
      if (ctx?.previous) client.setQueryData(queryKeys.teamView, ctx.previous);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.teamView });
      void client.invalidateQueries({ queryKey: queryKeys.teams });
    },
  });
}
