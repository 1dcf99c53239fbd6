"use client";

import { useLocale, useTranslations } from "next-intl";
import type { AppLocale } from "@/i18n/locales";
import { weekdayNames } from "@/lib/client/report-format";
import type { Report } from "@/lib/client/use-report";
import { ChartCard, DataTable } from "./chart-card";

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const pad = (h: number) => String(h).padStart(2, "0");

/** Shade of a cell: empty is the quiet surface; any message at least a visible tint. */
function shade(n: number, max: number): string {
  if (n <= 0 || max <= 0) return "var(--surface-2)";
  const pct = Math.round(18 + (82 * n) / max);
  return `color-mix(in srgb, var(--chart-1) ${pct}%, var(--surface-2))`;
}

/** Customer messages by weekday × hour, as a CSS grid (no chart library needed). */
export function MessageHeatmap({ heatmap, className }: { heatmap: Report["heatmap"]; className?: string }) {
  const t = useTranslations("reports.heatmap");
  const locale = useLocale() as AppLocale;
  const short = weekdayNames(locale, "short");
  const long = weekdayNames(locale, "long");
  let busiest = { d: 0, h: 0, n: 0 };
  heatmap.cells.forEach((row, d) => row.forEach((n, h) => n > busiest.n && (busiest = { d, h, n })));
  const summary =
    heatmap.total === 0
      ? t("none")
      : t("summary", { total: heatmap.total, day: long[busiest.d] ?? "", from: `${pad(busiest.h)}:00`, to: `${pad((busiest.h + 1) % 24)}:00`, count: busiest.n });

  return (
    <ChartCard
      className={className}
      title={t("title")}
      description={t("description")}
      summary={summary}
      empty={heatmap.total === 0 ? t("none") : null}
      table={<DataTable caption={t("title")} head={[t("weekday"), ...HOURS.map((h) => `${pad(h)}`)]} rows={heatmap.cells.map((row, d) => [long[d] ?? "", ...row])} />}
    >
      <div className="grid gap-[3px]" style={{ gridTemplateColumns: "2.25rem repeat(24, minmax(0, 1fr))" }}>
        {heatmap.cells.map((row, d) => (
          <div key={d} className="contents">
            <div className="self-center pr-1 text-2xs text-muted">{short[d]}</div>
            {row.map((n, h) => (
              <div key={h} title={t("cell", { day: long[d] ?? "", hour: `${pad(h)}:00`, count: n })} className="aspect-square min-h-2.5 rounded-[3px]" style={{ background: shade(n, heatmap.max) }} />
            ))}
          </div>
        ))}
        <div />
        {HOURS.map((h) => (
          <div key={h} className="pt-1 text-center text-[10px] leading-none text-muted tabular-nums">
            {h % 3 === 0 ? pad(h) : ""}
          </div>
        ))}
      </div>
      <div className="mt-3 flex items-center justify-end gap-1.5 text-2xs text-muted" aria-hidden>
        {t("fewer")}
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <span key={f} className="size-3 rounded-[3px]" style={{ background: shade(f === 0 ? 0 : f * 100, 100) }} />
        ))}
        {t("more")}
      </div>
    </ChartCard>
  );
}
