"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { BulkResult, ConversationStatus } from "./types";

export type BulkChange = { assigneeId?: string | null; teamId?: string | null; status?: Exclude<ConversationStatus, "snoozed"> };

/**
 * The same change to several conversations (POST /api/conversations/bulk). Each one answers for
 * itself: the caller reads which were refused and why. The live stream moves the rows; the
 * lists and counts are refetched as well, for a tab whose stream is down.
 */
export function useBulkUpdate() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["bulkUpdate"],
    mutationFn: ({ ids, change }: { ids: string[]; change: BulkChange }) => api<{ results: BulkResult[] }>("/api/conversations/bulk", { method: "POST", body: { ids, ...change } }),
    onSettled: (_data, _err, { ids }) => {
      void client.invalidateQueries({ queryKey: queryKeys.conversations.lists() });
      void client.invalidateQueries({ queryKey: queryKeys.conversations.counts() });
      for (const id of ids) void client.invalidateQueries({ queryKey: queryKeys.conversations.detail(id) });
    },
  });
}
