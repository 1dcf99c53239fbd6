"use client";

import { useMemo } from "react";
import { useLocale, useTranslations } from "next-intl";
import * as f from "./format";

/** lib/client/format.ts bound to the UI language: `const fmt = useFormat(); fmt.shortRelative(iso, now)`. */
export function useFormat() {
  const locale = useLocale();
  const t = useTranslations("time");
  return useMemo(() => {
    const ctx: f.FormatContext = { locale, t: (key, values) => t(key, values as never) };
    return {
      locale,
      date: (date: Date | string, pattern: string) => f.formatDate(date, pattern, locale),
      shortRelative: (iso: string, now: Date) => f.shortRelative(iso, now, ctx),
      compactDuration: (minutes: number) => f.compactDuration(minutes, ctx),
      relativeAgo: (iso: string, now: Date) => f.relativeAgo(iso, now, ctx),
      fullDateTime: (iso: string) => f.fullDateTime(iso, locale),
      dayLabel: (date: Date, now: Date) => f.dayLabel(date, now, ctx),
      localTimeIn: (timeZone: string | null | undefined, now: Date) => f.localTimeIn(timeZone, now, locale),
      localeName: (tag: string | null | undefined) => f.localeName(tag, locale),
      number: (n: number) => f.formatNumber(n, locale),
    };
  }, [locale, t]);
}
