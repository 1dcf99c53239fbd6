"use client";

import { useCallback, useMemo } from "react";
import { useTranslations } from "next-intl";
import { systemEventText } from "./system-event";
import { useTeammates } from "./use-teammates";
import { useTeams } from "./use-teams";
import type { MessageDto } from "./types";

/** systemEventText with the catalog and the teammates and teams this client has loaded. */
export function useSystemEventText(): (m: Pick<MessageDto, "kind" | "text" | "payload">) => string {
  const t = useTranslations("events");
  const { data: teammates } = useTeammates();
  const { data: teams } = useTeams();
  const lookups = useMemo(() => {
    const users = new Map((teammates ?? []).map((u) => [u.id, u.name]));
    const byTeam = new Map((teams ?? []).map((x) => [x.id, x.name]));
    return { userName: (id: string) => users.get(id), teamName: (id: string) => byTeam.get(id) };
  }, [teammates, teams]);
  return useCallback((m) => systemEventText(m, (key, values) => t(key, values as never), lookups), [t, lookups]);
}
