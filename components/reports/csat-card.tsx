"use client";

import { useLocale, useTranslations } from "next-intl";
import { Star } from "lucide-react";
import type { AppLocale } from "@/i18n/locales";
import { formatDecimal, formatPercent } from "@/lib/client/report-format";
import type { Report } from "@/lib/client/use-report";
import { ChartCard, DataTable } from "./chart-card";

/** Average rating, response rate and the 1–5 distribution as plain bars. */
export function CsatCard({ csat, className }: { csat: Report["csat"]; className?: string }) {
  const t = useTranslations("reports.csat");
  const locale = useLocale() as AppLocale;
  const most = Math.max(1, ...csat.distribution);
  const avg = formatDecimal(csat.average, locale);
  const rate = formatPercent(csat.responseRate, locale);
  const summary = csat.answered === 0 ? t("none") : t("summary", { average: avg, answered: csat.answered, requested: csat.requested, rate, dist: csat.distribution.map((n, i) => `${i + 1}: ${n}`).join(", ") });
  return (
    <ChartCard
      className={className}
      title={t("title")}
      description={t("description")}
      summary={summary}
      empty={csat.requested === 0 ? t("none") : null}
      table={<DataTable caption={t("title")} head={[t("rating"), t("answers")]} rows={[5, 4, 3, 2, 1].map((r) => [t("stars", { count: r }), csat.distribution[r - 1] ?? 0])} />}
    >
      <div className="flex items-end gap-3">
        <div className="text-3xl leading-none font-semibold tracking-tight tabular-nums">{avg}</div>
        <div className="pb-0.5">
          <div className="flex gap-0.5" aria-hidden>
            {[1, 2, 3, 4, 5].map((i) => (
              <Star key={i} className="size-3.5" style={{ color: "var(--chart-3)", fill: (csat.average ?? 0) >= i - 0.25 ? "var(--chart-3)" : "transparent" }} />
            ))}
          </div>
          <div className="mt-1 text-2xs text-muted">{t("rate", { rate, answered: csat.answered, requested: csat.requested })}</div>
        </div>
      </div>
      <ul className="mt-4 space-y-1.5">
        {[5, 4, 3, 2, 1].map((r) => {
          const n = csat.distribution[r - 1] ?? 0;
          return (
            <li key={r} className="grid grid-cols-[1.75rem_1fr_2rem] items-center gap-2 text-2xs">
              <span className="inline-flex items-center gap-0.5 text-fg-2 tabular-nums">
                {r}
                <Star className="size-3 text-subtle" aria-hidden />
              </span>
              <span className="h-2 overflow-hidden rounded-full bg-surface-2">
                <span className="block h-full rounded-full" style={{ width: `${(100 * n) / most}%`, background: "var(--chart-1)" }} />
              </span>
              <span className="text-right text-fg tabular-nums">{n}</span>
            </li>
          );
        })}
      </ul>
    </ChartCard>
  );
}
