"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import { newClientMessageId } from "./use-send-reply";

export type SendPassInput = { bookingId: string; leg: number; passenger: number };

/** Sends a passenger's boarding pass into the thread as a PDF document (inside the 24-hour window). */
export function useSendBoardingPass(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["sendBoardingPass", conversationId],
    mutationFn: (input: SendPassInput) =>
      api<{ id: string; duplicate: boolean }>(`/api/conversations/${conversationId}/boarding-pass`, { method: "POST", body: { ...input, clientMessageId: newClientMessageId() } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.messages.list(conversationId) }),
  });
}

/** Where an agent downloads a pass (signed-in route; PDF or PNG). */
export function boardingPassUrl(bookingId: string, leg: number, passenger: number, format: "pdf" | "png" = "pdf"): string {
  return `/api/bookings/${bookingId}/boarding-pass?leg=${leg}&passenger=${passenger}&format=${format}`;
}
