"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { Action, Me } from "./types";

export const fetchMe = (signal?: AbortSignal) => api<Me>("/api/me", { signal });

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}

/** Whether the signed-in user may do `action` (false while /api/me loads). */
export function useCan(action: Action): boolean {
  const { data } = useMe();
  return data?.permissions.includes(action) ?? false;
}
