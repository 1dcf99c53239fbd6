"use client";

import { useState } from "react";
import { SessionProvider } from "next-auth/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "@/lib/client/api";
import { endSession } from "@/lib/client/sign-out";
import { makeQueryClient } from "@/lib/client/query-client";

/** A 401 from any request means the session is gone (expired, or the account was deactivated). */
function onApiError(err: unknown) {
  if (err instanceof ApiError && err.status === 401 && typeof window !== "undefined") {
    endSession(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
}

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => makeQueryClient(onApiError));
  return (
    <SessionProvider refetchOnWindowFocus={false}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </SessionProvider>
  );
}
