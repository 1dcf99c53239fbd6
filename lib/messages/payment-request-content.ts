import type { MessageContent, PaymentCardRef } from "@/lib/content/message-content";
import { formatMoney, toAmount1000, toOfferAmount, type Currency } from "@/lib/payments/money";
import { buildTemplateSend, renderTemplate, type TemplateDefinition, type TemplateValues } from "@/lib/templates/model";
import { SEED_TEMPLATES } from "@/lib/templates/seed-templates";
import { plainWhatsAppText } from "@/lib/templates/whatsapp-format";
import { orderDetailsSchema } from "@/lib/whatsapp/order-details";

// What the customer receives for a payment request, by situation:
// - inside the 24-hour window: a `cta_url` interactive message ("Pay €90.00" → the pay page);
// - inside the window, in INR: WhatsApp's native `order_details` / `review_and_pay` (UPI);
// - outside the window: the approved `payment_request` template with the pay token as the URL
//   button's suffix (amount as a typed currency parameter, amount_1000).
// Each message carries the card's snapshot in payload.payment (the thread renders the card).

/**
 * The `payment_request` template as approved: the seeded definition (named parameters first_name,
 * pnr, amount, due_date, and the pay token as the URL button's suffix), which the fake's store and
 * a synced workspace hold too.
 */
export const PAYMENT_REQUEST_TEMPLATE: TemplateDefinition = (() => {
  const seed = SEED_TEMPLATES.find((t) => t.name === "payment_request" && t.language === "en_US")!;
  return { name: seed.name, language: seed.language, category: seed.category, parameterFormat: seed.parameterFormat, components: seed.components };
})();

/** The WhatsApp Manager name of the UPI payment configuration order_details refers to. */
export const DEFAULT_PAYMENT_CONFIGURATION = "sportello-upi";

export type PaymentMessageInput = {
  card: PaymentCardRef;
  currency: Currency;
  reference: string;
  description: string;
  lineItems: { name: string; quantity: number; unitAmount: number; amount: number }[];
  amountSubtotal: number;
  amountTax: number;
  amountDiscount: number;
  amountTotal: number;
  expiresAt: Date;
  payUrl: string;
  token: string;
  firstName: string;
  /** The booking's PNR when the request is for one; else the request's reference. */
  subject: string;
  windowOpen: boolean;
};

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function dueDate(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }).format(d);
}

export function buildPaymentRequestContent(p: PaymentMessageInput): MessageContent {
  const total = formatMoney(p.amountTotal, p.currency, "en");
  if (p.windowOpen && p.currency === "INR") return orderDetailsContent(p, total);
  if (p.windowOpen) {
    const label = `Pay ${total}`;
    const text = `${p.description}\n\nTotal: ${total}\nReference: ${p.reference}\nPay by ${dueDate(p.expiresAt)}.`;
    return {
      kind: "interactive",
      text,
      payload: {
        interactive: {
          type: "cta_url",
          body: { text: clip(text, 1024) },
          footer: { text: clip(`Ref. ${p.reference}`, 60) },
          action: { name: "cta_url", parameters: { display_text: label.length <= 20 ? label : "Pay now", url: p.payUrl } },
        },
        payment: p.card,
      },
    };
  }
  const values: TemplateValues = {
    "body:first_name": { type: "text", text: clip(p.firstName, 60) },
    "body:pnr": { type: "text", text: p.subject },
    "body:amount": { type: "currency", code: p.currency, amount1000: toAmount1000(p.amountTotal, p.currency), fallback: total },
    "body:due_date": { type: "date_time", fallback: dueDate(p.expiresAt) },
    "button:0:1": { type: "text", text: p.token },
  };
  const rendered = renderTemplate(PAYMENT_REQUEST_TEMPLATE, values);
  return { kind: "template", text: plainWhatsAppText(rendered.body), payload: { template: buildTemplateSend(PAYMENT_REQUEST_TEMPLATE, values), rendered, payment: p.card } };
}

function orderDetailsContent(p: PaymentMessageInput, total: string): MessageContent {
  const amt = (minor: number) => toOfferAmount(minor, p.currency);
  const interactive = orderDetailsSchema.parse({
    type: "order_details",
    body: { text: clip(`${p.description}\n\nTotal: ${total}`, 1024) },
    footer: { text: clip(`Ref. ${p.reference}`, 60) },
    action: {
      name: "review_and_pay",
      parameters: {
        reference_id: p.reference,
        type: "digital-goods",
        payment_configuration: DEFAULT_PAYMENT_CONFIGURATION,
        currency: p.currency,
        total_amount: amt(p.amountTotal),
        order: {
          status: "pending",
          items: p.lineItems.map((li, i) => ({ retailer_id: `${p.reference}-${i + 1}`.slice(0, 100), name: clip(li.name, 60), amount: amt(li.unitAmount), quantity: li.quantity })),
          subtotal: amt(p.amountSubtotal),
          tax: amt(p.amountTax),
          ...(p.amountDiscount ? { discount: amt(p.amountDiscount) } : {}),
          expiration: { timestamp: String(Math.floor(p.expiresAt.getTime() / 1000)), description: "The payment request expires" },
        },
      },
    },
  });
  return { kind: "interactive", text: `${p.description} — ${total}`, payload: { interactive, payment: p.card } };
}
