"use client";

import { useId, useMemo } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { ArrowUpRight, Check, Download, Filter, Hourglass, LoaderCircle, RotateCw, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { PAYMENT_STATUSES, type PaymentStatus } from "@/lib/payments/state";
import { intlTag } from "@/lib/client/format";
import { formatMoney } from "@/lib/client/money";
import { paymentFiltersFrom, paymentFiltersQuery, type PaymentFilters } from "@/lib/client/payment-filters";
import { useCan } from "@/lib/client/use-me";
import { useErrorText } from "@/lib/client/use-error-text";
import { useTeammates } from "@/lib/client/use-teammates";
import { paymentExportUrl, useApproveRefund, useDeclineRefund, usePaymentList, useWaitingRefunds, type PaymentRequestListItem, type WaitingRefund } from "@/lib/client/use-payments";
import type { PaymentTotals } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { PaymentStatusBadge } from "./payment-status";

type Money = (minor: number, currency: string) => string;

function useMoney(): Money {
  const locale = useLocale();
  return (minor, currency) => formatMoney(minor, currency, locale);
}

function useDateTime() {
  const locale = useLocale();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    return (iso: string) => f.format(new Date(iso));
  }, [locale]);
}

/** Sums per currency of a list of totals rows. */
function perCurrency(rows: PaymentTotals, value: (r: PaymentTotals[number]) => number, counts: (r: PaymentTotals[number]) => boolean = (r) => value(r) > 0): { currency: string; amount: number }[] {
  const sums = new Map<string, number>();
  for (const r of rows) if (counts(r)) sums.set(r.currency, (sums.get(r.currency) ?? 0) + value(r));
  return [...sums].map(([currency, amount]) => ({ currency, amount }));
}

function Figure({ label, amounts, hint, tone = "default" }: { label: string; amounts: { currency: string; amount: number }[]; hint: string; tone?: "default" | "good" | "wait" | "back" }) {
  const money = useMoney();
  return (
    <div className="min-w-0 rounded-card border border-line bg-surface px-3 py-2.5 shadow-xs sm:px-4 sm:py-3">
      <p className="flex items-center gap-1.5 text-2xs font-medium text-muted">
        <span className={cn("size-1.5 rounded-full", tone === "good" ? "bg-accent" : tone === "wait" ? "bg-warning" : tone === "back" ? "bg-[#4a55a2] dark:bg-[#a9b1ee]" : "bg-subtle")} aria-hidden />
        {label}
      </p>
      <div className="mt-1 min-h-7">
        {amounts.length === 0 ? (
          <p className="text-lg font-semibold text-muted tabular-nums">—</p>
        ) : (
          amounts.map((a) => (
            <p key={a.currency} className="truncate text-md leading-7 font-semibold tracking-tight text-fg tabular-nums sm:text-lg">
              {money(a.amount, a.currency)}
            </p>
          ))
        )}
      </div>
      <p className="mt-0.5 text-2xs text-muted">{hint}</p>
    </div>
  );
}

function Totals({ totals, loading }: { totals: PaymentTotals; loading: boolean }) {
  const t = useTranslations("payments.page");
  const money = useMoney();
  const count = (status: string) => totals.filter((r) => r.status === status).reduce((s, r) => s + r.count, 0);
  const all = totals.reduce((s, r) => s + r.count, 0);
  const paidCount = count("paid") + count("partially_refunded") + count("refunded");
  if (loading) {
    return (
      <div role="status" aria-label={t("loading")} className="mt-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="h-[92px] animate-pulse rounded-card border border-line bg-surface" />
        ))}
      </div>
    );
  }
  return (
    <section aria-labelledby="pay-totals-h" className="mt-5">
      <h2 id="pay-totals-h" className="sr-only">
        {t("totals")}
      </h2>
      <div className="grid grid-cols-2 gap-2 sm:gap-3 lg:grid-cols-4">
        <Figure label={t("collected")} tone="good" amounts={perCurrency(totals, (r) => r.amountCaptured - r.amountRefunded, (r) => r.amountCaptured > 0)} hint={t("collectedHint", { count: paidCount })} />
        <Figure label={t("awaiting")} tone="wait" amounts={perCurrency(totals.filter((r) => r.status === "pending"), (r) => r.amountTotal)} hint={t("awaitingHint", { count: count("pending") })} />
        <Figure label={t("refunded")} tone="back" amounts={perCurrency(totals, (r) => r.amountRefunded)} hint={t("refundedHint", { count: count("refunded") + count("partially_refunded") })} />
        <Figure label={t("lapsed")} amounts={perCurrency(totals.filter((r) => r.status === "expired" || r.status === "cancelled"), (r) => r.amountTotal)} hint={t("lapsedHint", { expired: count("expired"), cancelled: count("cancelled") })} />
      </div>
      {totals.length > 0 && (
        <details className="mt-3 rounded-card border border-line bg-surface px-4 py-2.5 shadow-xs">
          <summary className="focus-ring cursor-pointer rounded text-ui font-medium text-fg-2">{t("byStatus", { count: all })}</summary>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full min-w-[28rem] text-ui tabular-nums">
              <caption className="sr-only">{t("byStatusCaption")}</caption>
              <thead>
                <tr className="border-b border-line text-left text-2xs text-muted">
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("colStatus")}</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">{t("colCurrency")}</th>
                  <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("colCount")}</th>
                  <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("colRequested")}</th>
                  <th scope="col" className="py-1.5 pr-3 text-right font-medium">{t("colCaptured")}</th>
                  <th scope="col" className="py-1.5 text-right font-medium">{t("colRefunded")}</th>
                </tr>
              </thead>
              <tbody>
                {totals.map((r) => (
                  <tr key={`${r.status}-${r.currency}`} className="border-b border-line last:border-0">
                    <td className="py-1.5 pr-3">
                      <PaymentStatusBadge status={r.status} />
                    </td>
                    <td className="py-1.5 pr-3 text-fg-2">{r.currency}</td>
                    <td className="py-1.5 pr-3 text-right">{r.count}</td>
                    <td className="py-1.5 pr-3 text-right">{money(r.amountTotal, r.currency)}</td>
                    <td className="py-1.5 pr-3 text-right">{r.amountCaptured ? money(r.amountCaptured, r.currency) : "—"}</td>
                    <td className="py-1.5 text-right">{r.amountRefunded ? money(r.amountRefunded, r.currency) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}

function WaitingRefundItem({ r }: { r: WaitingRefund }) {
  const t = useTranslations("payments.page");
  const money = useMoney();
  const when = useDateTime();
  const errorText = useErrorText();
  const approve = useApproveRefund();
  const decline = useDeclineRefund();
  const busy = approve.isPending || decline.isPending;
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center" data-refund-id={r.id}>
      <div className="min-w-0 flex-1">
        <p className="text-ui text-fg">
          <span className="font-semibold tabular-nums">{money(r.amount, r.currency)}</span> <span className="text-muted">{t("ofTotal", { total: money(r.amountTotal, r.currency) })}</span> ·{" "}
          <Link href={`/inbox/${r.conversationId}`} className="focus-ring rounded font-mono text-2xs text-accent-text underline-offset-2 hover:underline">
            {r.reference}
          </Link>
        </p>
        <p className="mt-0.5 truncate text-2xs text-muted">
          {t("refundAskedBy", { name: r.requestedByName ?? t("someone"), customer: r.contactName, date: when(r.createdAt) })}
        </p>
        <p className="mt-0.5 text-ui break-words text-fg-2">“{r.reason}”</p>
        {(approve.isError || decline.isError) && (
          <p role="alert" className="mt-1 text-2xs text-danger">
            {errorText(approve.error ?? decline.error, t("decisionFailed"))}
          </p>
        )}
      </div>
      <div className="flex shrink-0 gap-1.5">
        <button type="button" className="btn-secondary h-8" disabled={busy} onClick={() => decline.mutate({ id: r.paymentRequestId, refundId: r.id })} aria-label={t("declineLabel", { amount: money(r.amount, r.currency), reference: r.reference })}>
          {decline.isPending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <X className="size-3.5" aria-hidden />}
          {t("decline")}
        </button>
        <button type="button" className="btn-primary h-8" disabled={busy} onClick={() => approve.mutate({ id: r.paymentRequestId, refundId: r.id })} aria-label={t("approveLabel", { amount: money(r.amount, r.currency), reference: r.reference })}>
          {approve.isPending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <Check className="size-3.5" aria-hidden />}
          {t("approve")}
        </button>
      </div>
    </li>
  );
}

function WaitingRefunds() {
  const t = useTranslations("payments.page");
  const canDecide = useCan("payment:approve_refund");
  const { data } = useWaitingRefunds(canDecide);
  if (!canDecide || !data || data.length === 0) return null;
  return (
    <section aria-labelledby="pay-refunds-h" className="mt-5 overflow-hidden rounded-card border border-warning/30 bg-surface shadow-xs">
      <h2 id="pay-refunds-h" className="flex items-center gap-2 border-b border-warning/20 bg-warning-soft px-4 py-2 text-ui font-semibold text-warning">
        <Hourglass className="size-4" aria-hidden />
        {t("waitingRefunds", { count: data.length })}
      </h2>
      <ul className="divide-y divide-line">
        {data.map((r) => (
          <WaitingRefundItem key={r.id} r={r} />
        ))}
      </ul>
    </section>
  );
}

function Row({ item, onConversation }: { item: PaymentRequestListItem; onConversation: (id: string) => void }) {
  const t = useTranslations("payments.page");
  const money = useMoney();
  const when = useDateTime();
  return (
    <tr className="border-b border-line align-top last:border-0 hover:bg-surface-2/60" data-payment-row={item.id}>
      <td className="py-2.5 pr-3 pl-4">
        <Link href={`/inbox/${item.conversationId}`} className="focus-ring group inline-flex items-center gap-1 rounded font-mono text-2xs font-medium text-accent-text" title={t("openConversation")}>
          {item.reference}
          <ArrowUpRight className="size-3 opacity-60 group-hover:opacity-100" aria-hidden />
        </Link>
        <p className="mt-0.5 line-clamp-2 max-w-[22rem] text-ui break-words text-fg-2">{item.description}</p>
        {/* On a phone the other columns fold in here. */}
        <p className="mt-0.5 text-2xs text-muted md:hidden">
          {item.contactName} · {item.createdByName ?? t("someone")} · {when(item.createdAt)}
        </p>
      </td>
      <td className="hidden py-2.5 pr-3 md:table-cell">
        <p className="max-w-[12rem] truncate text-ui text-fg-2">{item.contactName}</p>
        <button type="button" className="focus-ring rounded text-2xs text-muted underline-offset-2 hover:text-fg hover:underline" onClick={() => onConversation(item.conversationId)}>
          {t("onlyThisConversation")}
        </button>
      </td>
      <td className="hidden py-2.5 pr-3 text-ui text-fg-2 lg:table-cell">{item.createdByName ?? "—"}</td>
      <td className="py-2.5 pr-3 text-right text-ui font-semibold whitespace-nowrap text-fg tabular-nums">
        {money(item.amountTotal, item.currency)}
        {item.amountRefunded > 0 && <p className="text-2xs font-normal text-muted">{t("refundedAmount", { amount: money(item.amountRefunded, item.currency) })}</p>}
      </td>
      <td className="py-2.5 pr-4 md:pr-3">
        <PaymentStatusBadge status={item.status} />
      </td>
      <td className="hidden py-2.5 pr-4 text-2xs whitespace-nowrap text-muted tabular-nums md:table-cell">
        <time dateTime={item.createdAt}>{when(item.createdAt)}</time>
      </td>
    </tr>
  );
}

/**
 * The leads' payments page: what was collected, what waits, what went back, per currency; the
 * refunds waiting for a decision; every request, filtered by status, dates, agent and
 * conversation (kept in the URL), a keyset page at a time; and the CSV of the same selection.
 */
export function PaymentsReport() {
  const t = useTranslations("payments.page");
  const tStatus = useTranslations("payments.status");
  const errorText = useErrorText();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => paymentFiltersFrom(new URLSearchParams(params.toString())), [params]);
  const list = usePaymentList(filters);
  const { data: teammates } = useTeammates();
  const uid = useId();
  const setFilters = (next: PaymentFilters) => {
    const q = paymentFiltersQuery(next);
    router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
  };
  const set = (patch: Partial<PaymentFilters>) => {
    const next = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof PaymentFilters)[]) if (!next[k]) delete next[k];
    setFilters(next);
  };
  const filtered = Object.keys(filters).length > 0;
  const conversationName = filters.conversationId ? list.items.find((i) => i.conversationId === filters.conversationId)?.contactName : undefined;

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-6xl px-4 pt-5 pb-10 sm:px-6">
        <div className="flex flex-wrap items-start gap-3">
          <div className="mr-auto min-w-0">
            <h1 className="text-lg font-semibold tracking-tight">{t("title")}</h1>
            <p className="mt-0.5 text-ui text-muted">{t("intro")}</p>
          </div>
          <a href={paymentExportUrl(filters)} download className="btn-secondary" data-testid="payments-export">
            <Download className="size-3.5" aria-hidden />
            {t("export")}
          </a>
        </div>

        <form className="mt-4 flex flex-wrap items-end gap-2" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
          <Filter className="mb-2 hidden size-3.5 text-muted sm:block" aria-hidden />
          <div>
            <label htmlFor={`${uid}-status`} className="mb-1 block text-2xs text-muted">
              {t("status")}
            </label>
            <select id={`${uid}-status`} className="select-ctl h-8 text-ui" value={filters.status ?? ""} onChange={(e) => set({ status: (e.target.value || undefined) as PaymentStatus | undefined })}>
              <option value="">{t("allStatuses")}</option>
              {PAYMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tStatus(s)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${uid}-from`} className="mb-1 block text-2xs text-muted">
              {t("from")}
            </label>
            <input id={`${uid}-from`} type="date" className="field h-8 w-[9.5rem] px-2 text-ui" value={filters.from ?? ""} max={filters.to} onChange={(e) => set({ from: e.target.value || undefined })} />
          </div>
          <div>
            <label htmlFor={`${uid}-to`} className="mb-1 block text-2xs text-muted">
              {t("to")}
            </label>
            <input id={`${uid}-to`} type="date" className="field h-8 w-[9.5rem] px-2 text-ui" value={filters.to ?? ""} min={filters.from} onChange={(e) => set({ to: e.target.value || undefined })} />
          </div>
          <div>
            <label htmlFor={`${uid}-agent`} className="mb-1 block text-2xs text-muted">
              {t("agent")}
            </label>
            <select id={`${uid}-agent`} className="select-ctl h-8 max-w-[12rem] text-ui" value={filters.agentId ?? ""} onChange={(e) => set({ agentId: e.target.value || undefined })}>
              <option value="">{t("allAgents")}</option>
              {(teammates ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          {filters.conversationId && (
            <span className="pill mb-1.5 h-6 bg-accent-soft pr-1 text-accent-soft-fg">
              {conversationName ? t("conversationWith", { name: conversationName }) : t("oneConversation")}
              <button type="button" className="focus-ring grid size-4 place-items-center rounded-full hover:bg-black/10" aria-label={t("removeConversation")} onClick={() => set({ conversationId: undefined })}>
                <X className="size-3" aria-hidden />
              </button>
            </span>
          )}
          {filtered && (
            <button type="button" className="btn-ghost mb-0 h-8 px-2 text-2xs" onClick={() => setFilters({})}>
              {t("clearFilters")}
            </button>
          )}
        </form>

        <Totals totals={list.totals} loading={list.isPending} />
        <WaitingRefunds />

        <section aria-labelledby="pay-list-h" className="mt-5 overflow-hidden rounded-card border border-line bg-surface shadow-xs">
          <h2 id="pay-list-h" className="border-b border-line px-4 py-2.5 text-ui font-semibold">
            {t("requests")}
          </h2>
          {list.isError ? (
            <div role="alert" className="px-4 py-6 text-ui text-danger">
              {errorText(list.error, t("loadFailed"))}
              <button type="button" className="btn-ghost ml-2 h-7 px-2" onClick={() => void list.refetch()}>
                <RotateCw className="size-3.5" aria-hidden />
                {t("retry")}
              </button>
            </div>
          ) : list.isPending ? (
            <div role="status" aria-label={t("loading")} className="space-y-2 p-4">
              {[0, 1, 2].map((i) => (
                <div key={i} className="h-12 animate-pulse rounded-ctl bg-surface-2" />
              ))}
            </div>
          ) : list.items.length === 0 ? (
            <p className="px-4 py-10 text-center text-ui text-muted">{filtered ? t("emptyFiltered") : t("empty")}</p>
          ) : (
            <table className="w-full">
              <caption className="sr-only">{t("tableCaption")}</caption>
              <thead>
                <tr className="border-b border-line bg-surface-2 text-left text-2xs text-muted">
                  <th scope="col" className="py-2 pr-3 pl-4 font-medium">{t("colRequest")}</th>
                  <th scope="col" className="hidden py-2 pr-3 font-medium md:table-cell">{t("colCustomer")}</th>
                  <th scope="col" className="hidden py-2 pr-3 font-medium lg:table-cell">{t("colAgent")}</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">{t("colAmount")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium md:pr-3">{t("colStatus")}</th>
                  <th scope="col" className="hidden py-2 pr-4 font-medium md:table-cell">{t("colCreated")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((item) => (
                  <Row key={item.id} item={item} onConversation={(id) => set({ conversationId: id })} />
                ))}
              </tbody>
            </table>
          )}
          {list.hasNextPage && (
            <div className="border-t border-line px-4 py-2.5 text-center">
              <button type="button" className="btn-secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
                {t("more")}
              </button>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
