"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { ConversationDetail, TeamView } from "./types";

/** Moves a conversation card of the lead's view onto someone else at once (drag and drop or "Assign to…"). */
function moveCard(view: TeamView, id: string, to: string): TeamView {
  const card = view.agents.flatMap((a) => a.conversations).find((c) => c.id === id) ?? view.teams.flatMap((t) => t.conversations).find((c) => c.id === id);
  if (!card) return view;
  const from = view.agents.find((a) => a.conversations.some((c) => c.id === id));
  return {
    agents: view.agents.map((a) => {
      if (a.id === to && a.id !== from?.id) return { ...a, open: a.open + 1, waiting: a.waiting + (card.waitingSince ? 1 : 0), conversations: [card, ...a.conversations] };
      if (a.id === from?.id && a.id !== to) return { ...a, open: a.open - 1, waiting: a.waiting - (card.waitingSince ? 1 : 0), conversations: a.conversations.filter((c) => c.id !== id) };
      return a;
    }),
    teams: from ? view.teams : view.teams.map((t) => (t.conversations.some((c) => c.id === id) ? { ...t, unassigned: t.unassigned - 1, queued: t.queued - (card.queuedAt ? 1 : 0), conversations: t.conversations.filter((c) => c.id !== id) } : t)),
  };
}

/** PATCH /api/conversations/:id { assigneeId } for any conversation of the lead's view. */
export function useMoveConversation() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["moveConversation"],
    mutationFn: ({ id, assigneeId }: { id: string; assigneeId: string }) => api<ConversationDetail>(`/api/conversations/${id}`, { method: "PATCH", body: { assigneeId } }),
    onMutate: async ({ id, assigneeId }) => {
      await client.cancelQueries({ queryKey: queryKeys.teamView });
      const previous = client.getQueryData<TeamView>(queryKeys.teamView);
      client.setQueryData<TeamView>(queryKeys.teamView, (v) => v && moveCard(v, id, assigneeId));
      return { previous };
    },
    onError: (_err, _vars, ctx) => {
      if (ctx?.previous) client.setQueryData(queryKeys.teamView, ctx.previous);
    },
    onSuccess: (detail) => client.setQueryData(queryKeys.conversations.detail(detail.id), detail),
    onSettled: () => void client.invalidateQueries({ queryKey: queryKeys.teamView }),
  });
}
