"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type ApiError } from "./api";
import { settleAfterSend } from "./use-send-reply";

export type NoteVariables = { text: string; clientMessageId: string; mentions: string[] };

/** Posts an internal note; the same clientMessageId on a retry stores it once. */
export function useCreateNote(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["createNote", conversationId],
    mutationFn: (vars: NoteVariables) => api<{ id: string }>(`/api/conversations/${conversationId}/notes`, { method: "POST", body: vars }),
    retry: (count, err) => (err as ApiError).code === "network" && count < 2,
    // Like a reply: the live stream brings the stored note into the thread (or a refetch does).
    onSuccess: (res) => settleAfterSend(client, conversationId, res.id),
  });
}
