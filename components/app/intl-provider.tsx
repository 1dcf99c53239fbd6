"use client";

import { NextIntlClientProvider, type AbstractIntlMessages, type IntlError } from "next-intl";
import type { AppLocale } from "@/i18n/locales";

/** A message the catalog lacks, or one called without its arguments, is a bug to log, never a crash. */
function onIntlError(err: IntlError) {
  // Dates never go through next-intl (lib/client/format.ts formats them in the browser's zone),
  // so the missing-timeZone notice is noise.
  if (err.code === "ENVIRONMENT_FALLBACK") return;
  console.error(`[i18n] ${err.code}: ${err.originalMessage ?? err.message}`);
}

/**
 * The catalog for client components, built on the client so it can take onError. Dates are
 * formatted with date-fns in the browser's time zone (lib/client/format.ts), so no timeZone is set.
 * Mounted by the layouts whose pages translate in the browser ((app), simulator), not by the root.
 */
export function IntlProvider({ children, locale, messages }: { children: React.ReactNode; locale: AppLocale; messages: AbstractIntlMessages }) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages} onError={onIntlError}>
      {children}
    </NextIntlClientProvider>
  );
}
