"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SnippetView } from "@/lib/snippets/schemas";
import { api } from "./api";
import { queryKeys } from "./query-keys";

export type { SnippetView };

/** What a lead writes in the snippet editor; `language: null` offers it whatever the customer speaks. */
export type SnippetDraft = Pick<SnippetView, "shortcut" | "title" | "body" | "language">;

/** Canned free-text replies (inside the window the composer's `/` offers them beside templates). */
export function useSnippets(enabled = true) {
  return useQuery({
    queryKey: queryKeys.snippets,
    queryFn: ({ signal }) => api<{ items: SnippetView[] }>("/api/snippets", { signal }),
    select: (d) => d.items,
    staleTime: 5 * 60_000,
    enabled,
  });
}

function useInvalidateSnippets() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.snippets });
}

export function useCreateSnippet() {
  const invalidate = useInvalidateSnippets();
  return useMutation({
    mutationFn: (draft: SnippetDraft) => api<SnippetView>("/api/snippets", { method: "POST", body: draft }),
    onSuccess: invalidate,
  });
}

export function useUpdateSnippet(id: string) {
  const invalidate = useInvalidateSnippets();
  return useMutation({
    mutationFn: (patch: Partial<SnippetDraft>) => api<SnippetView>(`/api/snippets/${id}`, { method: "PATCH", body: patch }),
    onSuccess: invalidate,
  });
}

export function useDeleteSnippet() {
  const invalidate = useInvalidateSnippets();
  return useMutation({
    mutationFn: (id: string) => api<{ ok: true }>(`/api/snippets/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  });
}
