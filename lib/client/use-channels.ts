"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { ChannelDto, WhatsAppConnection } from "./types";

export type ChannelsAnswer = { items: ChannelDto[]; connection: WhatsAppConnection };

/** The workspace's WhatsApp numbers and the connection's shape (leads and admins). */
export function useChannels() {
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: ({ signal }) => api<ChannelsAnswer>("/api/channels", { signal }),
    // "Receiving" is judged from the last webhook: keep it current while the page is open.
    refetchInterval: 60_000,
  });
}

/** Sets or clears a number's welcome reply (admins). */
export function useUpdateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["updateChannel"],
    mutationFn: ({ channelId, welcomeMessage }: { channelId: string; welcomeMessage: string | null }) =>
      api<{ channel: ChannelDto }>(`/api/channels/${channelId}`, { method: "PATCH", body: { welcomeMessage } }),
    onSuccess: ({ channel }) => client.setQueryData<ChannelsAnswer>(queryKeys.channels, (old) => old && { ...old, items: old.items.map((c) => (c.id === channel.id ? channel : c)) }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}

/** Re-reads a number's name, quality rating and badge from WhatsApp (admins). */
export function useRefreshChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["refreshChannel"],
    mutationFn: (channelId: string) => api<{ channel: ChannelDto }>(`/api/channels/${channelId}/refresh`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.channels }),
  });
}
