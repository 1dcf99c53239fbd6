"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TemplateOption } from "@/lib/templates/catalog";
import { api, type ApiError } from "./api";
import { queryKeys } from "./query-keys";
import { settleAfterSend } from "./use-send-reply";

export type { TemplateOption };

/** Approved templates an agent can send (the only messages WhatsApp delivers outside 24 hours). */
export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: queryKeys.templates,
    queryFn: ({ signal }) => api<{ items: TemplateOption[] }>("/api/templates", { signal }),
    select: (d) => d.items,
    staleTime: 10 * 60_000,
    enabled,
  });
}

export type TemplateVariables = { name: string; language: string; params: string[]; clientMessageId: string };

export function useSendTemplate(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["sendTemplate", conversationId],
    mutationFn: (vars: TemplateVariables) => api<{ id: string }>(`/api/conversations/${conversationId}/templates`, { method: "POST", body: vars }),
    // Same clientMessageId on every try: the server stores the template once.
    retry: (count, err) => (err as ApiError).code === "network" && count < 2,
    onSuccess: (res) => settleAfterSend(client, conversationId, res.id),
  });
}
