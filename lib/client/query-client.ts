import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api";

/** The app's query client (app/providers.tsx); bench:realtime's headless tabs use the same. */
export function makeQueryClient(onApiError: (err: unknown) => void = () => {}) {
  return new QueryClient({
    queryCache: new QueryCache({ onError: onApiError }),
    mutationCache: new MutationCache({ onError: onApiError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        gcTime: 10 * 60_000,
        // 4xx answers will not change on retry; network and 5xx errors get two more tries.
        retry: (failureCount, err) => !(err instanceof ApiError && err.isClientError) && failureCount < 2,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
