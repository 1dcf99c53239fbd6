"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";

/** A lead hands all of someone's open conversations back to the queues (POST /api/teams/members/:userId/release). */
export function useReleaseAgent() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["releaseAgent"],
    mutationFn: (userId: string) => api<{ released: number; assigned: number }>(`/api/teams/members/${userId}/release`, { method: "POST" }),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.teamView });
      void client.invalidateQueries({ queryKey: queryKeys.conversations.all });
    },
  });
}
