"use client";

import { useState } from "react";
import { SessionProvider } from "next-auth/react";
import { NextIntlClientProvider, type AbstractIntlMessages, type IntlError } from "next-intl";
import { QueryClientProvider } from "@tanstack/react-query";
import { ApiError } from "@/lib/client/api";
import { endSession } from "@/lib/client/sign-out";
import { makeQueryClient } from "@/lib/client/query-client";
import type { AppLocale } from "@/i18n/locales";

/** A 401 from any request means the session is gone (expired, or the account was deactivated). */
function onApiError(err: unknown) {
  if (err instanceof ApiError && err.status === 401 && typeof window !== "undefined") {
    endSession(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
}

/** A message the catalog lacks, or one called without its arguments, is a bug to log, never a crash. */
function onIntlError(err: IntlError) {
  // Dates never go through next-intl (lib/client/format.ts formats them in the browser's zone),
  // so the missing-timeZone notice is noise.
  if (err.code === "ENVIRONMENT_FALLBACK") return;
  console.error(`[i18n] ${err.code}: ${err.originalMessage ?? err.message}`);
}

export function Providers({ children, locale, messages }: { children: React.ReactNode; locale: AppLocale; messages: AbstractIntlMessages }) {
  const [client] = useState(() => makeQueryClient(onApiError));
  return (
    // Dates are formatted with date-fns in the browser's time zone (lib/client/format.ts), so no
    // timeZone is set here; the provider is built on the client so it can take onError.
    <NextIntlClientProvider locale={locale} messages={messages} onError={onIntlError}>
      <SessionProvider refetchOnWindowFocus={false}>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </SessionProvider>
    </NextIntlClientProvider>
  );
}
