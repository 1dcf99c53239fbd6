"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { BarChart3, Loader2 } from "lucide-react";
import type { AppLocale } from "@/i18n/locales";
import { airportTime } from "@/lib/client/booking-format";
import { intlTag } from "@/lib/client/format";
import { formatDay } from "@/lib/client/report-format";
import { selectionFrom, selectionSearch, todayIn, type ReportSelection } from "@/lib/client/report-params";
import { useErrorText } from "@/lib/client/use-error-text";
import { useMe } from "@/lib/client/use-me";
import { useReport, type Report } from "@/lib/client/use-report";
import { CsatCard } from "./csat-card";
import { FirstResponseCard, VolumeCard, WindowMissesCard } from "./daily-cards";
import { MessageHeatmap } from "./heatmap";
import { KpiTiles } from "./kpi-tiles";
import { ReportFilters } from "./report-filters";
import { AgentsTable, PaymentsCard } from "./tables";

const isEmpty = (r: Report) =>
  r.volume.opened + r.volume.resolved + r.heatmap.total + r.csat.requested + r.payments.length + r.windowMisses.total + r.agents.length === 0;

/** /reports: the range and filters live in the URL; the figures come from GET /api/reports. */
export function ReportsView() {
  const t = useTranslations("reports");
  const locale = useLocale() as AppLocale;
  const sayError = useErrorText();
  const { data: me } = useMe();
  const timeZone = me?.workspace?.timezone ?? "UTC";
  const today = todayIn(timeZone);
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const selection = selectionFrom(new URLSearchParams(search.toString()), today);
  const { data, error, isFetching, isPlaceholderData } = useReport(selection);
  const change = (next: ReportSelection) => router.replace(`${pathname}?${selectionSearch(next)}`, { scroll: false });
  const long = { day: "numeric", month: "short", year: "numeric" } as const;

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-[1200px] space-y-4 px-4 py-6 sm:px-6">
        <div className="flex flex-wrap items-end gap-x-4 gap-y-1">
          <h1 className="text-lg font-semibold tracking-tight">{t("title")}</h1>
          <p className="text-ui text-muted">
            {t("rangeLine", { from: formatDay(selection.from, locale, long), to: formatDay(selection.to, locale, long), zone: timeZone.replace(/_/g, " ") })}
          </p>
          {isFetching ? (
            <span className="inline-flex items-center gap-1 text-2xs text-muted" role="status">
              <Loader2 className="size-3 animate-spin" aria-hidden />
              {t("updating")}
            </span>
          ) : data?.generatedAt ? (
            <span className="text-2xs text-muted">
              {t("asOf", { time: airportTime(data.generatedAt, timeZone, intlTag(locale)) })}
            </span>
          ) : null}
        </div>

        <ReportFilters key={`${selection.from}/${selection.to}/${selection.preset}`} selection={selection} today={today} onChange={change} />

        {error && !data ? (
          <div role="alert" className="rounded-card border border-line bg-surface p-6 text-center text-ui text-danger">
            {sayError(error)}
          </div>
        ) : !data ? (
          <Skeleton />
        ) : isEmpty(data) ? (
          <div className="grid place-items-center rounded-card border border-dashed border-line-strong bg-surface px-6 py-16 text-center">
            <BarChart3 className="size-8 text-subtle" aria-hidden />
            <h2 className="mt-3 text-md font-semibold">{t("empty.title")}</h2>
            <p className="mt-1 max-w-sm text-ui text-muted">{t("empty.body")}</p>
          </div>
        ) : (
          <div className={isPlaceholderData ? "space-y-4 opacity-60 transition-opacity" : "space-y-4 transition-opacity"} aria-busy={isPlaceholderData}>
            <KpiTiles report={data} />
            <div className="grid gap-4 lg:grid-cols-3">
              <VolumeCard report={data} className="lg:col-span-2" />
              <CsatCard csat={data.csat} />
              <FirstResponseCard report={data} className="lg:col-span-2" />
              <WindowMissesCard report={data} />
              <MessageHeatmap heatmap={data.heatmap} className="lg:col-span-2" />
              <PaymentsCard payments={data.payments} />
              <AgentsTable agents={data.agents} className="lg:col-span-3" />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function Skeleton() {
  return (
    <div className="space-y-4" aria-hidden>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-[84px] animate-pulse rounded-card bg-surface-2" />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="h-72 animate-pulse rounded-card bg-surface-2 lg:col-span-2" />
        <div className="h-72 animate-pulse rounded-card bg-surface-2" />
      </div>
    </div>
  );
}
