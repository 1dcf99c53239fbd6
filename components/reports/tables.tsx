"use client";

import { useLocale, useTranslations } from "next-intl";
import type { AppLocale } from "@/i18n/locales";
import { cn } from "@/lib/client/cn";
import { formatDecimal, formatMoney, formatSeconds } from "@/lib/client/report-format";
import type { Report } from "@/lib/client/use-report";
import { Avatar } from "@/components/ui/avatar";

function Card({ title, description, className, children }: { title: string; description: string; className?: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className={cn("min-w-0 rounded-card border border-line bg-surface", className)}>
      <header className="px-4 pt-3.5 pb-2 sm:px-5">
        <h2 className="text-sm font-semibold tracking-tight">{title}</h2>
        <p className="mt-0.5 text-2xs text-muted">{description}</p>
      </header>
      {children}
    </section>
  );
}

const TH = "px-4 py-2 font-medium sm:px-5";
const TD = "px-4 py-2 text-right tabular-nums sm:px-5";

export function PaymentsCard({ payments, className }: { payments: Report["payments"]; className?: string }) {
  const t = useTranslations("reports.payments");
  const locale = useLocale() as AppLocale;
  return (
    <Card title={t("title")} description={t("description")} className={className}>
      {payments.length === 0 ? (
        <p className="mx-4 mb-4 grid min-h-32 place-items-center rounded-ctl bg-surface-2 px-4 text-center text-ui text-muted sm:mx-5">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto pb-2">
          <table className="w-full text-ui">
            <thead className="text-left text-2xs text-muted">
              <tr className="border-b border-line">
                <th scope="col" className={TH}>{t("currency")}</th>
                <th scope="col" className={cn(TH, "text-right")}>{t("requested")}</th>
                <th scope="col" className={cn(TH, "text-right")}>{t("collected")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {payments.map((p) => (
                <tr key={p.currency}>
                  <th scope="row" className={cn(TH, "text-left text-fg-2")}>{p.currency}</th>
                  <td className={TD}>
                    <div className="font-medium text-fg">{formatMoney(p.requestedAmount, p.currency, locale)}</div>
                    <div className="text-2xs text-muted">{t("count", { count: p.requestedCount })}</div>
                  </td>
                  <td className={TD}>
                    <div className="font-medium text-fg">{formatMoney(p.collectedAmount, p.currency, locale)}</div>
                    <div className="text-2xs text-muted">{t("count", { count: p.paidCount })}</div>
                    {p.refundedAmount > 0 && <div className="text-2xs text-muted">{t("refunded", { amount: formatMoney(p.refundedAmount, p.currency, locale) })}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function AgentsTable({ agents, className }: { agents: Report["agents"]; className?: string }) {
  const t = useTranslations("reports.agents");
  const locale = useLocale() as AppLocale;
  return (
    <Card title={t("title")} description={t("description")} className={className}>
      {agents.length === 0 ? (
        <p className="mx-4 mb-4 grid min-h-24 place-items-center rounded-ctl bg-surface-2 px-4 text-center text-ui text-muted sm:mx-5">{t("none")}</p>
      ) : (
        <div className="overflow-x-auto pb-2">
          <table className="w-full min-w-[34rem] text-ui">
            <thead className="text-left text-2xs text-muted">
              <tr className="border-b border-line">
                <th scope="col" className={TH}>{t("agent")}</th>
                <th scope="col" className={cn(TH, "text-right")}>{t("handled")}</th>
                <th scope="col" className={cn(TH, "text-right")}>{t("firstResponse")}</th>
                <th scope="col" className={cn(TH, "text-right")}>{t("resolved")}</th>
                <th scope="col" className={cn(TH, "text-right")}>{t("csat")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {agents.map((a) => (
                <tr key={a.userId ?? "none"}>
                  <th scope="row" className={cn(TH, "text-left font-normal")}>
                    <span className="flex items-center gap-2">
                      {a.userId ? <Avatar name={a.name ?? "?"} seed={a.userId} size="sm" /> : <span className="size-6 rounded-full border border-dashed border-line-strong" aria-hidden />}
                      <span className={cn("truncate", a.userId ? "text-fg" : "text-muted italic")}>{a.userId ? (a.name ?? t("unknown")) : t("unassigned")}</span>
                    </span>
                  </th>
                  <td className={TD}>{a.handled}</td>
                  <td className={TD}>{formatSeconds(a.firstResponseMedian, locale)}</td>
                  <td className={TD}>{a.resolved}</td>
                  <td className={TD}>
                    {a.csatAverage === null ? <span className="text-subtle">—</span> : formatDecimal(a.csatAverage, locale)}
                    {a.csatAnswered > 0 && <span className="ml-1 text-2xs text-muted">({a.csatAnswered})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
