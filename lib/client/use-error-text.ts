"use client";

import { useCallback } from "react";
import { useTranslations } from "next-intl";
import { ApiError } from "./api";

// Server errors whose English message is always the same generic sentence: said from the catalog.
const GENERIC_CODES = new Set(["unauthorized", "internal", "rate_limited"]);

/** The `errors` namespace's translator (next-intl's, or createTranslator's in tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- keys are built at run time and checked with has()
type Translate = { (key: any, values?: any): string; has(key: any): boolean };

/**
 * The sentence to show for a failed request, in the user's language when we can: the catalog's
 * `errors.<reason>` if it has one, else the server's own message, else `fallback`.
 */
export function errorText(t: Translate, err: unknown, fallback?: string): string {
  const generic = fallback ?? t("unknown");
  if (!(err instanceof ApiError)) return generic;
  const key = err.reason ?? (GENERIC_CODES.has(err.code) ? `http.${err.code}` : null);
  if (key && t.has(key)) {
    const text = t(key, err.params);
    // A reason whose params do not fit our message comes back as its key: the server's words are better.
    if (text && text !== `errors.${key}`) return text;
  }
  return err.message || generic;
}

/** `errorText` bound to the catalog: `const say = useErrorText(); say(err, t("sendFailed"))`. */
export function useErrorText(): (err: unknown, fallback?: string) => string {
  const t = useTranslations("errors");
  return useCallback((err: unknown, fallback?: string) => errorText(t, err, fallback), [t]);
}
