"use client";

import { useState } from "react";
import { SessionProvider } from "next-auth/react";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "@/lib/client/api";
import { endSession } from "@/lib/client/sign-out";

/** A 401 from any request means the session is gone (expired, or the account was deactivated). */
function onApiError(err: unknown) {
  if (err instanceof ApiError && err.status === 401 && typeof window !== "undefined") {
    endSession(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
}

function makeQueryClient() {
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

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </SessionProvider>
  );
}
