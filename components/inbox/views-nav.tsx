"use client";

import Link from "next/link";
import { AlarmClock, CircleCheck, CircleDashed, CircleDot, Clock, Inbox, Layers, UserRound, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCounts } from "@/lib/client/use-counts";
import { useTeams } from "@/lib/client/use-teams";
import { useLabels } from "@/lib/client/use-labels";
import { LabelDot } from "@/components/labels/label-chip";
import { filtersToQuery, withQuery, type InboxFilters } from "@/lib/client/inbox-filters";
import { cn } from "@/lib/client/cn";
import { useFormat } from "@/lib/client/use-format";
import { useInbox } from "./inbox-context";

type Entry = { key: string; label: string; filters: InboxFilters; count: number | undefined; icon: React.ReactNode };

const ALL: InboxFilters = { view: "all", status: null, team: null };
const icon = "size-4 shrink-0";

function NavLink({ entry, active }: { entry: Entry; active: boolean }) {
  const fmt = useFormat();
  return (
    <li>
      <Link
        href={withQuery("/inbox", filtersToQuery(entry.filters))}
        aria-current={active ? "page" : undefined}
        className={cn(
          "focus-ring group flex h-8 items-center gap-2.5 rounded-ctl px-2.5 text-ui transition-colors",
          active ? "bg-surface-3 font-medium text-fg" : "text-fg-2 hover:bg-surface-2 hover:text-fg",
        )}
      >
        <span className={cn("text-muted", active && "text-accent-text")}>{entry.icon}</span>
        <span className="min-w-0 flex-1 truncate">{entry.label}</span>
        {entry.count !== undefined && entry.count > 0 && (
          <span className={cn("text-2xs tabular-nums", active ? "text-fg-2" : "text-muted")}>{fmt.number(entry.count)}</span>
        )}
      </Link>
    </li>
  );
}

function sameFilters(a: InboxFilters, b: InboxFilters) {
  return a.view === b.view && a.status === b.status && a.team === b.team && (a.label ?? null) === (b.label ?? null);
}

export function ViewsNav({ className }: { className?: string }) {
  const { filters } = useInbox();
  const { data: counts } = useCounts();
  const { data: teams } = useTeams();
  const { data: labels } = useLabels();
  const t = useTranslations("views");

  const views: Entry[] = [
    { key: "mine", label: t("mine"), filters: { ...ALL, view: "mine" }, count: counts?.mine, icon: <UserRound className={icon} aria-hidden /> },
    { key: "unassigned", label: t("unassigned"), filters: { ...ALL, view: "unassigned" }, count: counts?.unassigned, icon: <Inbox className={icon} aria-hidden /> },
    { key: "all", label: t("all"), filters: ALL, count: counts?.all, icon: <Layers className={icon} aria-hidden /> },
  ];
  const statuses: Entry[] = [
    { key: "open", label: t("open"), filters: { ...ALL, status: "open" }, count: counts?.status.open, icon: <CircleDot className={icon} aria-hidden /> },
    { key: "pending", label: t("pending"), filters: { ...ALL, status: "pending" }, count: counts?.status.pending, icon: <Clock className={icon} aria-hidden /> },
    { key: "snoozed", label: t("snoozed"), filters: { ...ALL, status: "snoozed" }, count: counts?.status.snoozed, icon: <AlarmClock className={icon} aria-hidden /> },
    { key: "resolved", label: t("resolved"), filters: { ...ALL, status: "resolved" }, count: counts?.status.resolved, icon: <CircleCheck className={icon} aria-hidden /> },
  ];
  const teamEntries: Entry[] = (teams ?? []).map((t) => ({
    key: t.id,
    label: t.name,
    filters: { ...ALL, team: t.id },
    count: counts?.teams[t.id] ?? 0,
    icon: <Users className={icon} aria-hidden />,
  }));

  const labelEntries: Entry[] = (labels ?? []).map((l) => ({
    key: `label:${l.id}`,
    label: l.name,
    filters: { ...ALL, label: l.id },
    count: undefined,
    icon: <LabelDot color={l.color} className="mx-1" />,
  }));

  const section = (title: string, entries: Entry[]) => (
    <div role="group" aria-label={title} className="mt-5">
      <h2 className="mb-1 px-2.5 text-2xs font-semibold tracking-wide text-muted uppercase" aria-hidden>
        {title}
      </h2>
      <ul className="space-y-px">
        {entries.map((e) => (
          <NavLink key={e.key} entry={e} active={sameFilters(e.filters, filters)} />
        ))}
      </ul>
    </div>
  );

  return (
    <nav aria-label={t("label")} className={cn("flex-col overflow-y-auto border-r border-line bg-canvas px-2 py-3", className)}>
      <ul className="space-y-px">
        {views.map((e) => (
          <NavLink key={e.key} entry={e} active={sameFilters(e.filters, filters)} />
        ))}
      </ul>
      {section(t("status"), statuses)}
      {teamEntries.length > 0 && section(t("teams"), teamEntries)}
      {labelEntries.length > 0 && section(t("labels"), labelEntries)}
      {teams && teamEntries.length === 0 && (
        <p className="mt-5 px-2.5 text-2xs text-subtle">
          <CircleDashed className="mr-1 inline size-3" aria-hidden />
          {t("noTeams")}
        </p>
      )}
    </nav>
  );
}
