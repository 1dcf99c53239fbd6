// What the customer's WhatsApp shows for a payment request, drawn with the template preview: the
// composer's preview (built with the server's own builder, lib/messages/payment-request-content.ts)
// and the thread card's "what the customer received". Pure.
import type { InteractivePayload, MessageContent, PaymentCardRef, RenderedTemplateContent, TemplatePayload } from "@/lib/content/message-content";
import { buildPaymentRequestContent } from "@/lib/messages/payment-request-content";
import { computeTotals, isCurrency, MoneyError, percentToBps, type Currency, type Totals } from "@/lib/payments/money";

/** A payment message (cta_url, order_details or the template) as header / body / footer / buttons; null for anything else. */
export function customerMessageOf(m: { kind: string; text: string | null; payload: Record<string, unknown> | null }, reviewAndPay: string): RenderedTemplateContent | null {
  if (m.kind === "template") return (m.payload as TemplatePayload | null)?.rendered ?? null;
  if (m.kind !== "interactive") return null;
  const i = (m.payload as InteractivePayload | null)?.interactive as
    | { type: string; body?: { text?: string }; footer?: { text?: string }; action?: { parameters?: { display_text?: string; url?: string } } }
    | undefined;
  if (!i) return null;
  const body = i.body?.text ?? m.text ?? "";
  const footer = i.footer?.text ?? null;
  if (i.type === "cta_url") {
    const p = i.action?.parameters;
    return { header: null, body, footer, buttons: p?.display_text ? [{ type: "URL", text: p.display_text, url: p.url }] : [] };
  }
  if (i.type === "order_details") return { header: null, body, footer, buttons: [{ type: "URL", text: reviewAndPay }] };
  return null;
}

/** The first name the server greets the customer with (their WhatsApp profile name's first word, else their username). */
export function greetingName(contact: { name: string; phone: string | null; username: string | null; bsuid?: string | null } | undefined): string {
  if (!contact) return "there";
  const profile = contact.name && contact.name !== contact.phone && contact.name !== contact.username && contact.name !== contact.bsuid ? contact.name : null;
  return profile?.trim().split(/\s+/)[0] || contact.username || "there";
}

export type PaymentDraftLine = { name: string; quantity: number; unitAmount: number };

/** The totals a draft would have (a preview: the server computes the real ones), or why not. */
export function previewTotals(d: { lineItems: PaymentDraftLine[]; taxRate: number | null; discount: number | null }): { ok: true; totals: Totals } | { ok: false; reason: MoneyError["reason"] } {
  try {
    const taxRateBps = d.taxRate === null ? 0 : percentToBps(d.taxRate);
    return { ok: true, totals: computeTotals({ lineItems: d.lineItems, taxRateBps, discount: d.discount ?? 0 }) };
  } catch (e) {
    if (e instanceof MoneyError) return { ok: false, reason: e.reason };
    throw e;
  }
}

/**
 * The message the customer will receive for this draft, exactly as the server builds it: inside
 * the 24-hour window a message with a "Pay €90.00" button (WhatsApp's review-and-pay for INR),
 * outside it the approved payment_request template. The link is a placeholder until it exists.
 */
export function previewPaymentMessage(d: {
  currency: string;
  reference: string;
  description: string;
  totals: Totals;
  expiresAt: Date;
  firstName: string;
  subject: string;
  windowOpen: boolean;
  origin: string;
}): MessageContent | null {
  if (!isCurrency(d.currency)) return null;
  const currency: Currency = d.currency;
  const card: PaymentCardRef = { id: "preview", reference: d.reference, status: "pending", currency, amountTotal: d.totals.total, amountRefunded: 0 };
  const token = "•".repeat(8);
  return buildPaymentRequestContent({
    card,
    currency,
    reference: d.reference,
    description: d.description,
    lineItems: d.totals.lineItems,
    amountSubtotal: d.totals.subtotal,
    amountTax: d.totals.tax,
    amountDiscount: d.totals.discount,
    amountTotal: d.totals.total,
    expiresAt: d.expiresAt,
    payUrl: `${d.origin}/pay/${token}`,
    token,
    firstName: d.firstName,
    subject: d.subject,
    windowOpen: d.windowOpen,
  });
}
