"use client";

import { useId, useRef, useState } from "react";
import { Check, CircleExclamationPoint, Copy, CreditCard, Hourglass, LoaderCircle, Undo2, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { PaymentCardRef } from "@/lib/content/message-content";
import { exponentOf, formatMoney, isCurrency, parseMoneyInput, toMoneyInput, type Currency } from "@/lib/client/money";
import { customerMessageOf } from "@/lib/client/payment-message";
import { intlTag } from "@/lib/client/format";
import { useCan, useMe } from "@/lib/client/use-me";
import { useErrorText } from "@/lib/client/use-error-text";
import { useFormat } from "@/lib/client/use-format";
import { useNow } from "@/lib/client/use-now";
import { useTeammates } from "@/lib/client/use-teammates";
import { newIdempotencyKey, useApproveRefund, useCancelPaymentRequest, useDeclineRefund, usePaymentRequest, useRefundPayment, type PaymentRequestDetail } from "@/lib/client/use-payments";
import type { MessageDto, RefundDto } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { TemplatePreview } from "@/components/templates/template-preview";
import { MoneyInput } from "./money-input";
import { PaymentStatusBadge } from "./payment-status";

// The sandbox's and Stripe's decline codes the card says in the reader's language; others keep the provider's words.
const FAILURE_CODES = new Set(["card_declined", "expired_card", "incorrect_number", "processing_error"]);

/** Copies the customer's pay link; says so for a moment (and to screen readers). */
function CopyLink({ url }: { url: string }) {
  const t = useTranslations("payments.card");
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  return (
    <button
      type="button"
      className="btn-secondary h-7 px-2 text-2xs"
      title={url}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(url);
        } catch {
          // No clipboard (an insecure origin): select the link instead so the agent can copy it.
          window.prompt(t("copyPrompt"), url);
          return;
        }
        setCopied(true);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? <Check className="size-3.5 text-accent-text" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      <span aria-live="polite">{copied ? t("copied") : t("copyLink")}</span>
    </button>
  );
}

function RefundForm({ request, onDone }: { request: PaymentRequestDetail; onDone: () => void }) {
  const t = useTranslations("payments.card");
  const tMoney = useTranslations("payments.money");
  const errorText = useErrorText();
  const locale = useLocale();
  const direct = useCan("payment:approve_refund");
  const refund = useRefundPayment();
  const uid = useId();
  const waiting = request.refunds.filter((r) => r.status === "requested").reduce((s, r) => s + r.amount, 0);
  const max = Math.max(0, request.amountRefundable - waiting);
  const [amount, setAmount] = useState(() => toMoneyInput(max, request.currency, locale));
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const keyRef = useRef(newIdempotencyKey());
  const parsed = parseMoneyInput(amount, request.currency, locale);
  const exp = exponentOf(request.currency);
  const amountError = !parsed.ok
    ? parsed.reason === "decimals"
      ? exp === 0
        ? tMoney("noDecimals")
        : tMoney("decimals", { decimals: exp })
      : parsed.reason === "empty"
        ? tMoney("empty")
        : tMoney("invalid")
    : parsed.minor <= 0 || parsed.minor > max
      ? t("refundRange", { max: formatMoney(max, request.currency, locale) })
      : null;
  const reasonError = reason.trim() ? null : t("reasonRequired");

  return (
    <form
      className="mt-2 space-y-2 rounded-lg border border-line bg-surface-2 p-2.5"
      aria-label={t("refundTitle")}
      noValidate
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onDone();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (amountError || reasonError || refund.isPending || !parsed.ok) return;
        refund.mutate(
          { id: request.id, amount: parsed.minor, reason: reason.trim(), idempotencyKey: keyRef.current },
          {
            onSuccess: onDone,
            onError: (err) => {
              // Nothing was stored on a refusal: the next try is a new refund.
              if ((err as { isClientError?: boolean }).isClientError) keyRef.current = newIdempotencyKey();
            },
          },
        );
      }}
    >
      <p className="text-2xs font-semibold text-fg-2">{direct ? t("refundTitle") : t("refundRequestTitle")}</p>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-[9rem_minmax(0,1fr)]">
        <div>
          <label htmlFor={`${uid}-amount`} className="mb-1 block text-2xs text-muted">
            {t("refundAmount")}
          </label>
          <MoneyInput
            id={`${uid}-amount`}
            currency={request.currency}
            value={amount}
            onChange={setAmount}
            invalid={submitted && !!amountError}
            aria-describedby={submitted && amountError ? `${uid}-amount-err` : `${uid}-amount-hint`}
            autoFocus
          />
          {submitted && amountError ? (
            <p id={`${uid}-amount-err`} className="mt-1 text-2xs text-danger">
              {amountError}
            </p>
          ) : (
            <p id={`${uid}-amount-hint`} className="mt-1 text-2xs text-muted">
              {t("refundMax", { max: formatMoney(max, request.currency, locale) })}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${uid}-reason`} className="mb-1 block text-2xs text-muted">
            {t("reason")}
          </label>
          <input
            id={`${uid}-reason`}
            className="field"
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t("reasonPlaceholder")}
            aria-invalid={submitted && !!reasonError ? true : undefined}
            aria-describedby={submitted && reasonError ? `${uid}-reason-err` : undefined}
          />
          {submitted && reasonError && (
            <p id={`${uid}-reason-err`} className="mt-1 text-2xs text-danger">
              {reasonError}
            </p>
          )}
        </div>
      </div>
      {!direct && <p className="text-2xs text-muted">{t("refundNeedsApproval")}</p>}
      {refund.isError && (
        <p role="alert" className="text-2xs text-danger">
          {errorText(refund.error, t("refundFailed"))}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-ghost h-7 px-2 text-2xs" onClick={onDone}>
          {t("back")}
        </button>
        <button type="submit" className="btn-primary h-7 px-2.5 text-2xs" disabled={refund.isPending}>
          {refund.isPending && <LoaderCircle className="size-3 animate-spin" aria-hidden />}
          {direct ? t("refundSubmit") : t("refundRequestSubmit")}
        </button>
      </div>
    </form>
  );
}

function RefundRow({ request, refund }: { request: PaymentRequestDetail; refund: RefundDto }) {
  const t = useTranslations("payments.card");
  const locale = useLocale();
  const fmt = useFormat();
  const errorText = useErrorText();
  const { data: teammates } = useTeammates();
  const { data: me } = useMe();
  const canDecide = useCan("payment:approve_refund");
  const approve = useApproveRefund();
  const decline = useDeclineRefund();
  const who = (id: string | null) => (id ? (id === me?.user.id ? t("you") : (teammates?.find((u) => u.id === id)?.name ?? t("someone"))) : t("provider"));
  const amount = formatMoney(refund.amount, request.currency, locale);
  const busy = approve.isPending || decline.isPending;
  if (refund.status === "requested") {
    return (
      <li className="rounded-lg border border-warning/25 bg-warning-soft px-2.5 py-2 text-ui" data-refund-status="requested">
        <p className="flex items-start gap-1.5 text-warning">
          <Hourglass className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          <span>
            <span className="font-medium">{t("refundWaiting", { amount, name: who(refund.requestedBy) })}</span>
            <span className="block text-2xs text-fg-2">“{refund.reason}”</span>
          </span>
        </p>
        {canDecide && (
          <div className="mt-1.5 flex flex-wrap justify-end gap-1.5">
            <button type="button" className="btn-secondary h-7 px-2 text-2xs" disabled={busy} onClick={() => decline.mutate({ id: request.id, refundId: refund.id })}>
              {decline.isPending ? <LoaderCircle className="size-3 animate-spin" aria-hidden /> : <X className="size-3" aria-hidden />}
              {t("decline")}
            </button>
            <button type="button" className="btn-primary h-7 px-2 text-2xs" disabled={busy} onClick={() => approve.mutate({ id: request.id, refundId: refund.id })}>
              {approve.isPending ? <LoaderCircle className="size-3 animate-spin" aria-hidden /> : <Check className="size-3" aria-hidden />}
              {t("approveAmount", { amount })}
            </button>
          </div>
        )}
        {(approve.isError || decline.isError) && (
          <p role="alert" className="mt-1 text-2xs text-danger">
            {errorText(approve.error ?? decline.error, t("decisionFailed"))}
          </p>
        )}
      </li>
    );
  }
  const when = refund.decidedAt ?? refund.createdAt;
  const text =
    refund.status === "declined"
      ? t("refundDeclined", { amount, name: who(refund.decidedBy) })
      : refund.status === "failed"
        ? t("refundFailedRow", { amount })
        : t("refundDone", { amount, name: who(refund.decidedBy ?? refund.requestedBy) });
  return (
    <li className={cn("flex items-start gap-1.5 text-2xs", refund.status === "declined" || refund.status === "failed" ? "text-muted" : "text-fg-2")} data-refund-status={refund.status}>
      <Undo2 className="mt-0.5 size-3 shrink-0" aria-hidden />
      <span>
        {text} · <time dateTime={when}>{fmt.date(when, "d MMM, HH:mm")}</time>
      </span>
    </li>
  );
}

/**
 * A payment request in the thread: status, amount in the reader's language, reference, items,
 * expiry, the pay link to copy, and what the reader's role may do — cancel while pending, refund
 * once paid (an agent's refund waits for a lead), approve or decline a waiting refund (leads and
 * admins). The message carries a snapshot (shown at once); the request itself comes from its own
 * query, which the live stream patches for everyone.
 */
export function PaymentCard({ m, card }: { m: MessageDto; card: PaymentCardRef }) {
  const t = useTranslations("payments.card");
  const locale = useLocale();
  const fmt = useFormat();
  const now = useNow(30_000);
  const errorText = useErrorText();
  const { data: request } = usePaymentRequest(card.id);
  const canCancel = useCan("payment:cancel");
  const canRefund = useCan("payment:refund");
  const cancel = useCancelPaymentRequest();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [refunding, setRefunding] = useState(false);
  const status = request?.status ?? card.status;
  const currency = (request?.currency ?? card.currency) as Currency;
  const money = (minor: number) => (isCurrency(currency) ? formatMoney(minor, currency, locale) : `${minor} ${currency}`);
  const total = request?.amountTotal ?? card.amountTotal;
  const refunded = request?.amountRefunded ?? card.amountRefunded;
  const dateTime = (iso: string) => new Intl.DateTimeFormat(intlTag(locale), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
  const refundable = request ? request.amountRefundable - request.refunds.filter((r) => r.status === "requested").reduce((s, r) => s + r.amount, 0) : 0;
  const sent = customerMessageOf(m, t("reviewAndPay"));
  const failureText = (f: { code: string; message: string }) => (FAILURE_CODES.has(f.code) ? t(`failure.${f.code as "card_declined"}`) : f.message);
  const expiresAt = request ? new Date(request.expiresAt) : null;
  const overdue = status === "pending" && expiresAt && expiresAt.getTime() <= now.getTime();

  return (
    <div className="w-[min(100%,22rem)] min-w-0 text-ui" data-payment-card={card.id} data-payment-status={status} aria-label={t("label", { reference: card.reference })} role="group">
      <div className="overflow-hidden rounded-lg border border-line bg-surface">
        <div className="flex items-center gap-2 border-b border-line px-3 py-2">
          <CreditCard className="size-4 shrink-0 text-accent-text" aria-hidden />
          <p className="min-w-0 flex-1 truncate text-2xs font-semibold tracking-wide text-muted uppercase">{t("title")}</p>
          <PaymentStatusBadge status={status} />
        </div>
        <div className="px-3 pt-2.5 pb-3">
          <p className={cn("text-xl leading-tight font-semibold tracking-tight tabular-nums", status === "cancelled" || status === "expired" ? "text-muted line-through decoration-1" : "text-fg")} data-testid="payment-amount">
            {money(total)}
          </p>
          {refunded > 0 && <p className="mt-0.5 text-2xs text-muted tabular-nums">{t("refundedOf", { amount: money(refunded) })}</p>}
          <p className="mt-1 font-mono text-2xs text-muted">
            {t("reference")} <span className="text-fg-2 select-all">{card.reference}</span>
          </p>
          {request && (
            <>
              {request.description && <p className="mt-2 text-ui break-words text-fg-2">{request.description}</p>}
              <table className="mt-2 w-full text-2xs tabular-nums">
                <caption className="sr-only">{t("items")}</caption>
                <tbody>
                  {request.lineItems.map((li, i) => (
                    <tr key={i} className="align-top">
                      <td className="py-0.5 pr-2 break-words text-fg-2">
                        {li.quantity > 1 && <span className="text-muted">{li.quantity} × </span>}
                        {li.name}
                      </td>
                      <td className="py-0.5 text-right whitespace-nowrap text-fg-2">{money(li.amount)}</td>
                    </tr>
                  ))}
                  {request.amountDiscount > 0 && (
                    <tr>
                      <td className="py-0.5 pr-2 text-muted">{t("discount")}</td>
                      <td className="py-0.5 text-right whitespace-nowrap text-muted">−{money(request.amountDiscount)}</td>
                    </tr>
                  )}
                  {request.amountTax > 0 && (
                    <tr>
                      <td className="py-0.5 pr-2 text-muted">{t("tax", { rate: new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 2 }).format(request.taxRate) })}</td>
                      <td className="py-0.5 text-right whitespace-nowrap text-muted">{money(request.amountTax)}</td>
                    </tr>
                  )}
                </tbody>
              </table>
              <p className="mt-2 text-2xs text-muted">
                {status === "pending" && expiresAt && !overdue && t("expiresIn", { date: dateTime(request.expiresAt), left: fmt.compactDuration(Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000))) })}
                {overdue && t("expiredAt", { date: dateTime(request.expiresAt) })}
                {status === "expired" && t("expiredAt", { date: dateTime(request.expiredAt ?? request.expiresAt) })}
                {status === "cancelled" && request.cancelledAt && t("cancelledAt", { date: dateTime(request.cancelledAt) })}
                {(status === "paid" || status === "partially_refunded" || status === "refunded") && request.paidAt && t("paidAt", { date: dateTime(request.paidAt) })}
              </p>
              {status === "pending" && request.lastFailure && (
                <p className="mt-2 flex items-start gap-1.5 rounded-md bg-danger-soft px-2 py-1.5 text-2xs text-danger" data-testid="payment-failure">
                  <CircleExclamationPoint className="mt-px size-3.5 shrink-0" aria-hidden />
                  <span>
                    <span className="font-medium">{t("lastAttemptFailed")}</span> {failureText(request.lastFailure)}{" "}
                    <span className="text-fg-2">{t("canRetry")}</span>
                  </span>
                </p>
              )}
              {request.refunds.length > 0 && (
                <ul className="mt-2 space-y-1.5" aria-label={t("refunds")}>
                  {request.refunds.map((r) => (
                    <RefundRow key={r.id} request={request} refund={r} />
                  ))}
                </ul>
              )}
            </>
          )}
          {request && (
            <div className="mt-2.5 flex flex-wrap items-center gap-1.5">
              {status === "pending" && <CopyLink url={request.payUrl} />}
              {status === "pending" && canCancel && !confirmCancel && (
                <button type="button" className="btn-ghost h-7 px-2 text-2xs" onClick={() => setConfirmCancel(true)}>
                  {t("cancel")}
                </button>
              )}
              {(status === "paid" || status === "partially_refunded") && canRefund && refundable > 0 && !refunding && (
                <button type="button" className="btn-secondary h-7 px-2 text-2xs" onClick={() => setRefunding(true)}>
                  <Undo2 className="size-3.5" aria-hidden />
                  {t("refund")}
                </button>
              )}
            </div>
          )}
          {confirmCancel && request && (
            <div role="alertdialog" aria-label={t("cancelConfirmTitle")} className="mt-2 rounded-lg border border-line bg-surface-2 p-2.5">
              <p className="text-2xs text-fg-2">{t("cancelConfirm")}</p>
              {cancel.isError && (
                <p role="alert" className="mt-1 text-2xs text-danger">
                  {errorText(cancel.error, t("cancelFailed"))}
                </p>
              )}
              <div className="mt-2 flex justify-end gap-1.5">
                <button type="button" className="btn-ghost h-7 px-2 text-2xs" autoFocus onClick={() => setConfirmCancel(false)}>
                  {t("keep")}
                </button>
                <button
                  type="button"
                  className="btn h-7 bg-danger px-2 text-2xs text-white hover:bg-danger/90"
                  disabled={cancel.isPending}
                  onClick={() => cancel.mutate(request.id, { onSuccess: () => setConfirmCancel(false) })}
                >
                  {cancel.isPending && <LoaderCircle className="size-3 animate-spin" aria-hidden />}
                  {t("cancelConfirmButton")}
                </button>
              </div>
            </div>
          )}
          {refunding && request && <RefundForm request={request} onDone={() => setRefunding(false)} />}
        </div>
      </div>
      {sent && (
        <details className="group/sent mt-1.5">
          <summary className="focus-ring cursor-pointer rounded px-0.5 text-2xs text-muted hover:text-fg">{t("whatCustomerGot")}</summary>
          <TemplatePreview rendered={sent} className="mt-1.5 max-w-none" />
        </details>
      )}
    </div>
  );
}
