"use client";

import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import type { AppLocale } from "@/i18n/locales";
import { formatDay, formatSeconds } from "@/lib/client/report-format";
import type { Report } from "@/lib/client/use-report";
import { ChartCard, DataTable } from "./chart-card";

// The chart code (@visx and its d3 pieces) is fetched when /reports first draws a chart, never
// by the inbox.
const TimeSeries = dynamic(() => import("./time-series").then((m) => m.TimeSeries), {
  ssr: false,
  loading: () => <div className="h-[220px] animate-pulse rounded-ctl bg-surface-2" />,
});

const C1 = "var(--chart-1)";
const C2 = "var(--chart-2)";
const C3 = "var(--chart-3)";

function useDays() {
  const locale = useLocale() as AppLocale;
  return {
    locale,
    short: (d: string) => formatDay(d, locale),
    long: (d: string) => formatDay(d, locale, { weekday: "long", day: "numeric", month: "long" }),
  };
}

export function VolumeCard({ report, className }: { report: Report; className?: string }) {
  const t = useTranslations("reports.volume");
  const fmt = useDays();
  const { days, opened, resolved } = report.volume;
  const busiest = days.reduce((a, d) => (d.opened > a.opened ? d : a), days[0] ?? { day: "", opened: 0, resolved: 0 });
  const summary = t("summary", { opened, resolved, days: days.length, busiest: busiest.day ? fmt.long(busiest.day) : "", busiestCount: busiest.opened });
  return (
    <ChartCard
      className={className}
      title={t("title")}
      description={t("description")}
      summary={summary}
      legend={[{ label: t("opened"), color: C1, shape: "bar" }, { label: t("resolved"), color: C2 }]}
      empty={opened + resolved === 0 ? t("none") : null}
      table={<DataTable caption={t("title")} head={[t("day"), t("opened"), t("resolved")]} rows={days.map((d) => [fmt.long(d.day), d.opened, d.resolved])} />}
    >
      <TimeSeries
        days={days.map((d) => d.day)}
        series={[
          { key: "opened", label: t("opened"), values: days.map((d) => d.opened), color: C1, kind: "bar" },
          { key: "resolved", label: t("resolved"), values: days.map((d) => d.resolved), color: C2, kind: "line" },
        ]}
        integer
        formatValue={(n) => String(n)}
        formatDay={fmt.short}
        formatDayLong={fmt.long}
      />
    </ChartCard>
  );
}

export function FirstResponseCard({ report, className }: { report: Report; className?: string }) {
  const t = useTranslations("reports.firstResponse");
  const fmt = useDays();
  const { overall, days } = report.firstResponse;
  const s = (n: number | null) => formatSeconds(n, fmt.locale);
  const summary = overall.count === 0 ? t("none") : t("summary", { median: s(overall.median), p90: s(overall.p90), count: overall.count });
  return (
    <ChartCard
      className={className}
      title={t("title")}
      description={t("description")}
      summary={summary}
      legend={[{ label: t("median"), color: C1 }, { label: t("p90"), color: C3, dashed: true }]}
      empty={overall.count === 0 ? t("none") : null}
      table={<DataTable caption={t("title")} head={[t("day"), t("median"), t("p90"), t("count")]} rows={days.map((d) => [fmt.long(d.day), s(d.median), s(d.p90), d.count])} />}
    >
      <TimeSeries
        days={days.map((d) => d.day)}
        series={[
          { key: "median", label: t("median"), values: days.map((d) => d.median), color: C1, kind: "line" },
          { key: "p90", label: t("p90"), values: days.map((d) => d.p90), color: C3, kind: "line", dashed: true },
        ]}
        durations
        formatValue={(n) => s(n)}
        formatDay={fmt.short}
        formatDayLong={fmt.long}
      />
    </ChartCard>
  );
}

export function WindowMissesCard({ report, className }: { report: Report; className?: string }) {
  const t = useTranslations("reports.windowMisses");
  const fmt = useDays();
  const { days, total } = report.windowMisses;
  const worst = days.reduce((a, d) => (d.count > a.count ? d : a), days[0] ?? { day: "", count: 0 });
  const summary = total === 0 ? t("none") : t("summary", { total, worst: worst.day ? fmt.long(worst.day) : "", worstCount: worst.count });
  return (
    <ChartCard
      className={className}
      title={t("title")}
      description={t("description")}
      summary={summary}
      empty={total === 0 ? t("none") : null}
      table={<DataTable caption={t("title")} head={[t("day"), t("misses")]} rows={days.map((d) => [fmt.long(d.day), d.count])} />}
    >
      <TimeSeries
        days={days.map((d) => d.day)}
        series={[{ key: "misses", label: t("misses"), values: days.map((d) => d.count), color: C3, kind: "bar" }]}
        integer
        height={180}
        formatValue={(n) => String(n)}
        formatDay={fmt.short}
        formatDayLong={fmt.long}
      />
    </ChartCard>
  );
}
