"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { CalendarRange, Download } from "lucide-react";
import { cn } from "@/lib/client/cn";
import { PRESETS, addDays, reportUrl, type ReportSelection } from "@/lib/client/report-params";
import { useTeammates } from "@/lib/client/use-teammates";
import { useTeams } from "@/lib/client/use-teams";

const MAX_DAYS = 366;

/** Range presets, a custom from–to, team and agent filters, and the CSV download of what is shown. */
export function ReportFilters({ selection, today, onChange }: { selection: ReportSelection; today: string; onChange: (next: ReportSelection) => void }) {
  const t = useTranslations("reports.filters");
  const id = useId();
  const { data: teams } = useTeams();
  const { data: teammates } = useTeammates();
  const [custom, setCustom] = useState(selection.preset === null);
  const [from, setFrom] = useState(selection.from);
  const [to, setTo] = useState(selection.to);
  const team = teams?.find((x) => x.id === selection.team);
  const people = (teammates ?? []).filter((p) => !team || team.memberIds.includes(p.id) || p.id === selection.agent);
  const tooLong = from && to && (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_DAYS;
  const invalid = !from || !to || from > to || tooLong;

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label={t("range")} className="inline-flex rounded-ctl border border-line bg-surface p-0.5">
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={!custom && selection.preset === p}
            onClick={() => {
              setCustom(false);
              onChange({ ...selection, preset: p, from: addDays(today, -(p - 1)), to: today });
            }}
            className={cn("focus-ring h-7 rounded-[5px] px-2.5 text-ui font-medium transition-colors", !custom && selection.preset === p ? "bg-accent-soft text-accent-soft-fg" : "text-muted hover:text-fg")}
          >
            {t("lastDays", { count: p })}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={custom}
          aria-expanded={custom}
          onClick={() => setCustom(true)}
          className={cn("focus-ring inline-flex h-7 items-center gap-1 rounded-[5px] px-2.5 text-ui font-medium transition-colors", custom ? "bg-accent-soft text-accent-soft-fg" : "text-muted hover:text-fg")}
        >
          <CalendarRange className="size-3.5" aria-hidden />
          {t("custom")}
        </button>
      </div>

      {custom && (
        <form
          className="inline-flex flex-wrap items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) onChange({ ...selection, preset: null, from, to });
          }}
        >
          <label className="sr-only" htmlFor={`${id}-from`}>{t("from")}</label>
          <input id={`${id}-from`} type="date" className="select-ctl bg-none pr-2" value={from} max={to || today} onChange={(e) => setFrom(e.target.value)} />
          <span className="text-muted" aria-hidden>–</span>
          <label className="sr-only" htmlFor={`${id}-to`}>{t("to")}</label>
          <input id={`${id}-to`} type="date" className="select-ctl bg-none pr-2" value={to} min={from} max={today} onChange={(e) => setTo(e.target.value)} />
          <button type="submit" className="btn-secondary h-7 px-2.5" disabled={!!invalid}>
            {t("apply")}
          </button>
          {tooLong && <span className="text-2xs text-danger">{t("tooLong", { max: MAX_DAYS })}</span>}
        </form>
      )}

      <label className="sr-only" htmlFor={`${id}-team`}>{t("team")}</label>
      <select id={`${id}-team`} className="select-ctl" value={selection.team ?? ""} onChange={(e) => onChange({ ...selection, team: e.target.value || null })}>
        <option value="">{t("allTeams")}</option>
        {selection.team && !teams && <option value={selection.team}>…</option>}
        {(teams ?? []).map((x) => (
          <option key={x.id} value={x.id}>{x.name}</option>
        ))}
      </select>
      <label className="sr-only" htmlFor={`${id}-agent`}>{t("agent")}</label>
      <select id={`${id}-agent`} className="select-ctl max-w-44" value={selection.agent ?? ""} onChange={(e) => onChange({ ...selection, agent: e.target.value || null })}>
        <option value="">{t("allAgents")}</option>
        {selection.agent && !teammates && <option value={selection.agent}>…</option>}
        {people.map((p) => (
          <option key={p.id} value={p.id}>{p.name}</option>
        ))}
      </select>

      <a href={reportUrl(selection, "csv")} download className="btn-secondary ml-auto h-7 px-2.5">
        <Download className="size-3.5" aria-hidden />
        {t("csv")}
      </a>
    </div>
  );
}
