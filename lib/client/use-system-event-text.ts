"use client";

import { useCallback, useMemo } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { AppLocale } from "@/i18n/locales";
import { formatMoney } from "./money";
import { systemEventText } from "./system-event";
import { useTeammates } from "./use-teammates";
import { useTeams } from "./use-teams";
import type { MessageDto } from "./types";

/** systemEventText with the catalog and the teammates and teams this client has loaded. */
export function useSystemEventText(): (m: Pick<MessageDto, "kind" | "text" | "payload">) => string {
  const t = useTranslations("events");
  const { data: teammates } = useTeammates();
  const { data: teams } = useTeams();
  const locale = useLocale() as AppLocale;
  const lookups = useMemo(() => {
    const users = new Map((teammates ?? []).map((u) => [u.id, u.name]));
    const byTeam = new Map((teams ?? []).map((x) => [x.id, x.name]));
    return { userName: (id: string) => users.get(id), teamName: (id: string) => byTeam.get(id), money: (minor: number, currency: string) => formatMoney(minor, currency, locale) };
  }, [teammates, teams, locale]);
  return useCallback((m) => systemEventText(m, (key, values) => t(key, values as never), lookups), [t, lookups]);
}
