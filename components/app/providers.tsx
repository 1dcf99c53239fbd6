"use client";

import { useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { AbstractIntlMessages } from "next-intl";
import { ApiError } from "@/lib/client/api";
import { endSession } from "@/lib/client/sign-out";
import { makeQueryClient } from "@/lib/client/query-client";
import { IntlProvider } from "@/components/app/intl-provider";
import type { AppLocale } from "@/i18n/locales";

/** A 401 from any request means the session is gone (expired, or the account was deactivated). */
function onApiError(err: unknown) {
  if (err instanceof ApiError && err.status === 401 && typeof window !== "undefined") {
    endSession(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
}

/**
 * The catalog and TanStack Query for the pages that use them: the signed-in pages (app/(app)/layout.tsx)
 * and the customer simulator. Not in the root layout, so /login downloads neither (issue 14). No next-auth SessionProvider: nothing reads
 * the session in the browser (the layout hands `me` to the cache), and signing out posts to
 * next-auth's endpoint directly (lib/client/auth.ts).
 */
export function Providers({ children, locale, messages }: { children: React.ReactNode; locale: AppLocale; messages: AbstractIntlMessages }) {
  const [client] = useState(() => makeQueryClient(onApiError));
  return (
    <IntlProvider locale={locale} messages={messages}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </IntlProvider>
  );
}
