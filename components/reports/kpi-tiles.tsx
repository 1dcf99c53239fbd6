"use client";

import { useLocale, useTranslations } from "next-intl";
import type { AppLocale } from "@/i18n/locales";
import { formatDecimal, formatPercent, formatSeconds } from "@/lib/client/report-format";
import type { Report } from "@/lib/client/use-report";

/** The headline numbers of the range, one tile each. */
export function KpiTiles({ report }: { report: Report }) {
  const t = useTranslations("reports.kpi");
  const locale = useLocale() as AppLocale;
  const s = (n: number | null) => formatSeconds(n, locale);
  const n = (v: number) => new Intl.NumberFormat(locale === "it" ? "it-IT" : "en-GB").format(v);
  const tiles = [
    { label: t("opened"), value: n(report.volume.opened), sub: t("perDay", { value: formatDecimal(report.volume.opened / Math.max(1, report.range.days), locale) }) },
    { label: t("resolved"), value: n(report.volume.resolved), sub: t("resolvedShare", { value: formatPercent(report.volume.opened ? report.volume.resolved / report.volume.opened : null, locale) }) },
    { label: t("firstResponse"), value: s(report.firstResponse.overall.median), sub: t("p90", { value: s(report.firstResponse.overall.p90) }) },
    { label: t("resolution"), value: s(report.resolution.median), sub: t("p90", { value: s(report.resolution.p90) }) },
    { label: t("windowMisses"), value: n(report.windowMisses.total), sub: t("windowMissesSub"), warn: report.windowMisses.total > 0 },
    { label: t("csat"), value: report.csat.average === null ? "—" : `${formatDecimal(report.csat.average, locale)} / 5`, sub: t("csatSub", { value: formatPercent(report.csat.responseRate, locale) }) },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-card border border-line bg-surface px-4 py-3">
          <dt className="truncate text-2xs font-medium text-muted">{tile.label}</dt>
          <dd className="mt-1 text-xl font-semibold tracking-tight tabular-nums" style={tile.warn ? { color: "var(--warning)" } : undefined}>
            {tile.value}
          </dd>
          <dd className="mt-0.5 truncate text-2xs text-muted">{tile.sub}</dd>
        </div>
      ))}
    </dl>
  );
}
