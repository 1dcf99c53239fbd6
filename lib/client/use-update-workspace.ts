"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { Me } from "./types";

type Workspace = NonNullable<Me["workspace"]>;
export type WorkspacePatch = { csatEnabled?: boolean };

/** PATCH /api/workspace (leads and admins): the answer is the workspace as /api/me shows it. */
export function useUpdateWorkspace() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["updateWorkspace"],
    mutationFn: (patch: WorkspacePatch) => api<Workspace>("/api/workspace", { method: "PATCH", body: patch }),
    onSuccess: (workspace) => {
      client.setQueryData<Me>(queryKeys.me, (me) => (me ? { ...me, workspace } : me));
    },
  });
}
