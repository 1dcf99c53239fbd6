"use client";

import { BadgeCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMe } from "@/lib/client/use-me";
import { useTeammates } from "@/lib/client/use-teammates";
import { useTeams } from "@/lib/client/use-teams";
import { cn } from "@/lib/client/cn";
import { Avatar } from "@/components/ui/avatar";
import { WhatsAppChannels } from "./whatsapp-channels";
import { LabelManager } from "@/components/labels/label-manager";
import { TeamRules } from "./team-rules";
import { CsatSetting } from "./csat-setting";

const AVAILABILITY_DOT = { online: "bg-emerald-500", away: "bg-amber-500", offline: "bg-subtle" } as const;

export function SettingsOverview() {
  const { data: me } = useMe();
  const { data: teammates } = useTeammates();
  const { data: teams } = useTeams();
  const t = useTranslations("settings");
  const tRoles = useTranslations("roles");
  const ws = me?.workspace;
  const byId = new Map((teammates ?? []).map((t) => [t.id, t]));

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl px-6 py-8">
        <h1 className="text-lg font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-muted">{t("intro")}</p>

        <WhatsAppChannels />

        <section aria-labelledby="ws-h" className="mt-6 rounded-card border border-line bg-surface">
          <h2 id="ws-h" className="border-b border-line px-5 py-3 text-sm font-semibold">
            {t("workspace")}
          </h2>
          <dl className="divide-y divide-line px-5">
            <div className="grid gap-0.5 py-3 sm:grid-cols-[200px_1fr] sm:gap-0">
              <dt className="text-muted">{t("name")}</dt>
              <dd>{ws?.name ?? "—"}</dd>
            </div>
            <div className="grid gap-0.5 py-3 sm:grid-cols-[200px_1fr] sm:gap-0">
              <dt className="text-muted">{t("displayName")}</dt>
              <dd className="inline-flex items-center gap-1">
                {ws?.verifiedName ?? "—"}
                {ws?.verifiedName && <BadgeCheck className="size-4 text-accent-text" aria-hidden />}
              </dd>
            </div>
            <div className="grid gap-0.5 py-3 sm:grid-cols-[200px_1fr] sm:gap-0">
              <dt className="text-muted">{t("timezone")}</dt>
              <dd>{ws?.timezone.replace(/_/g, " ") ?? "—"}</dd>
            </div>
          </dl>
        </section>

        <TeamRules />
        <CsatSetting />

        <section aria-labelledby="people-h" className="mt-6 rounded-card border border-line bg-surface">
          <h2 id="people-h" className="border-b border-line px-5 py-3 text-sm font-semibold">
            {t("teammates")} <span className="font-normal text-muted">{teammates?.length ?? ""}</span>
          </h2>
          <ul className="divide-y divide-line">
            {(teammates ?? []).map((m) => (
              <li key={m.id} className={cn("flex items-center gap-3 px-5 py-2.5", !m.active && "opacity-60")}>
                <Avatar name={m.name} seed={m.id} size="sm" />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{m.name}</p>
                  <p className="truncate text-2xs text-muted">{m.email}</p>
                </div>
                <span className="inline-flex items-center gap-1.5 text-2xs text-muted">
                  <span className={cn("size-1.5 rounded-full", AVAILABILITY_DOT[m.availability])} aria-hidden />
                  {m.active ? t(m.availability) : t("deactivated")}
                </span>
                {/* A fixed column keeps availability aligned; the pill keeps its own width ("Amministratore" is long). */}
                <span className="flex w-28 shrink-0 justify-end">
                  <span className="pill min-w-20 justify-center bg-surface-3 text-fg-2">{tRoles(m.role)}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="teams-h" className="mt-6 rounded-card border border-line bg-surface">
          <h2 id="teams-h" className="border-b border-line px-5 py-3 text-sm font-semibold">
            {t("teams")}
          </h2>
          {teams && teams.length === 0 && <p className="px-5 py-4 text-muted">{t("noTeams")}</p>}
          <ul className="divide-y divide-line">
            {(teams ?? []).map((team) => (
              <li key={team.id} className="flex items-center gap-3 px-5 py-3">
                <p className="flex-1 font-medium">{team.name}</p>
                <div className="flex -space-x-1.5">
                  {team.memberIds.slice(0, 8).map((id) => {
                    const m = byId.get(id);
                    return m ? <Avatar key={id} name={m.name} seed={m.id} size="sm" label={m.name} className="ring-2 ring-surface" /> : null;
                  })}
                </div>
                <span className="w-20 text-right text-2xs text-muted">
                  {t("members", { count: team.memberIds.length })}
                </span>
              </li>
            ))}
          </ul>
        </section>

        <LabelManager />
      </div>
    </div>
  );
}
