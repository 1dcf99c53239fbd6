"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { Availability, Me } from "./types";

/** Online, away or offline (PUT /api/me/availability): shown at once, rolled back if refused. */
export function useSetAvailability() {
  const client = useQueryClient();
  const set = (availability: Availability) => client.setQueryData<Me>(queryKeys.me, (me) => (me ? { ...me, user: { ...me.user, availability } } : me));
  return useMutation({
    mutationKey: ["setAvailability"],
    mutationFn: (availability: Availability) => api<{ availability: Availability }>("/api/me/availability", { method: "PUT", body: { availability } }),
    onMutate: (availability) => {
      const previous = client.getQueryData<Me>(queryKeys.me)?.user.availability;
      set(availability);
      return { previous };
    },
    onError: (_err, _availability, ctx) => {
      if (ctx?.previous) set(ctx.previous);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.teammates });
      void client.invalidateQueries({ queryKey: queryKeys.teamView });
    },
  });
}
