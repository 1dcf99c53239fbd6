"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { Me } from "./types";

export type WorkspaceRules = { onlyAssigneeReplies: boolean; csatEnabled: boolean };

/** PATCH /api/workspace (team rules): the switch moves at once and rolls back if refused. */
export function useUpdateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["updateWorkspace"],
    mutationFn: (patch: Partial<WorkspaceRules>) => api<WorkspaceRules>("/api/workspace", { method: "PATCH", body: patch }),
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: queryKeys.me });
      const previous = client.getQueryData<Me>(queryKeys.me);
      if (previous?.workspace) client.setQueryData<Me>(queryKeys.me, { ...previous, workspace: { ...previous.workspace, ...patch } });
      return { previous };
    },
    onError: (_err, _patch, ctx) => {
      if (ctx?.previous) client.setQueryData(queryKeys.me, ctx.previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
