"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { LabelDto } from "@/lib/labels/labels";
import type { LabelColor } from "@/lib/labels/schemas";
import { api } from "./api";
import { patchDetail, patchListItems } from "./cache";
import { queryKeys } from "./query-keys";
import type { ConversationDetail } from "./types";

export type { LabelDto, LabelColor };

export function useLabels() {
  return useQuery({
    queryKey: queryKeys.labels,
    queryFn: ({ signal }) => api<{ items: LabelDto[] }>("/api/labels", { signal }),
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

function useLabelsInvalidation() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: queryKeys.labels });
    void client.invalidateQueries({ queryKey: queryKeys.conversations.all });
  };
}

export function useCreateLabel() {
  const done = useLabelsInvalidation();
  return useMutation({
    mutationFn: (input: { name: string; color: LabelColor }) => api<LabelDto>("/api/labels", { method: "POST", body: input }),
    onSuccess: done,
  });
}

export function useUpdateLabel() {
  const done = useLabelsInvalidation();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; name?: string; color?: LabelColor }) => api<LabelDto>(`/api/labels/${id}`, { method: "PATCH", body: input }),
    onSuccess: done,
  });
}

export function useDeleteLabel() {
  const done = useLabelsInvalidation();
  return useMutation({
    mutationFn: (id: string) => api<{ id: string }>(`/api/labels/${id}`, { method: "DELETE" }),
    onSuccess: done,
  });
}

/** Puts exactly these labels on a conversation; the chips change at once and roll back if refused. */
export function useSetConversationLabels(conversationId: string) {
  const client = useQueryClient();
  const detailKey = queryKeys.conversations.detail(conversationId);
  return useMutation({
    mutationKey: ["setConversationLabels", conversationId],
    mutationFn: (labels: LabelDto[]) => api(`/api/conversations/${conversationId}/labels`, { method: "PUT", body: { labelIds: labels.map((l) => l.id) } }),
    onMutate: async (labels) => {
      await client.cancelQueries({ queryKey: detailKey });
      const previous = client.getQueryData<ConversationDetail>(detailKey);
      const refs = labels.map(({ id, name, color }) => ({ id, name, color })).sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
      patchDetail(client, conversationId, { labels: refs });
      patchListItems(client, conversationId, (item) => ({ ...item, labels: refs }));
      return { previous };
    },
    onError: (_err, _labels, ctx) => {
      if (ctx?.previous) {
        client.setQueryData(detailKey, ctx.previous);
        patchListItems(client, conversationId, (item) => ({ ...item, labels: ctx.previous!.labels }));
      }
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.labels });
      void client.invalidateQueries({ queryKey: queryKeys.messages.list(conversationId) });
    },
  });
}
