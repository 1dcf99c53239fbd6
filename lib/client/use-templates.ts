"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ParameterFormat, TemplateCategory, TemplateComponent, TemplateDetailView, TemplateView } from "@/lib/templates/model";
import type { TemplateValueInput } from "@/lib/messages/schemas";
import { api, type ApiError } from "./api";
import { queryKeys } from "./query-keys";
import { settleAfterSend } from "./use-send-reply";

export type { TemplateView };

/** The templates this agent may send now (approved, open to one of their teams). */
export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: queryKeys.templates.usable(),
    queryFn: ({ signal }) => api<{ items: TemplateView[] }>("/api/templates", { signal }),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

/**
 * Every template of the workspace, for the manager. Refetched when the window regains focus: a
 * submission stays PENDING until Meta's webhook says otherwise, and the lead comes back to look.
 */
export function useAllTemplates() {
  return useQuery({
    queryKey: queryKeys.templates.all(),
    queryFn: ({ signal }) => api<{ items: TemplateView[] }>("/api/templates?all=1", { signal }),
    select: (d) => d.items,
    refetchOnWindowFocus: "always",
    // While something waits for Meta's review, look again now and then.
    refetchInterval: (q) => (q.state.data?.items.some((t) => t.status === "PENDING") ? 4_000 : false),
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: queryKeys.templates.detail(id ?? ""),
    queryFn: ({ signal }) => api<TemplateDetailView>(`/api/templates/${id}`, { signal }),
    enabled: !!id,
  });
}

export type TemplateDraft = {
  name: string;
  language: string;
  category: TemplateCategory;
  parameterFormat: ParameterFormat;
  components: TemplateComponent[];
  teamIds: string[];
};

function useInvalidateTemplates() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.templates.root });
}

export function useCreateTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (draft: TemplateDraft) => api<TemplateView>("/api/templates", { method: "POST", body: draft }),
    onSuccess: invalidate,
  });
}

export function useUpdateTemplate(id: string) {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (patch: Partial<TemplateDraft>) => api<TemplateView>(`/api/templates/${id}`, { method: "PATCH", body: patch }),
    onSuccess: invalidate,
  });
}

export function useSyncTemplates() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: () => api<unknown>("/api/templates/sync", { method: "POST" }),
    onSuccess: invalidate,
  });
}

export type TemplateSendVariables = {
  templateId: string;
  values: Record<string, TemplateValueInput>;
  bookingId?: string;
  clientMessageId: string;
  /** The send-time guard (see use-send-guard.ts). */
  seenUpTo?: string;
  force?: boolean;
};

export function useSendTemplate(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["sendTemplate", conversationId],
    mutationFn: (vars: TemplateSendVariables) => api<{ id: string }>(`/api/conversations/${conversationId}/templates`, { method: "POST", body: vars }),
    // Same clientMessageId on every try: the server stores the template once.
    retry: (count, err) => (err as ApiError).code === "network" && count < 2,
    onSuccess: (res) => settleAfterSend(client, conversationId, res.id),
  });
}
