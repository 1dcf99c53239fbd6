import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/content/storable-text";
import { CURRENCIES, MAX_AMOUNT, MAX_QUANTITY, type Currency } from "./money";
import { REFERENCE_PATTERN } from "./reference";
import { PAYMENT_STATUSES } from "./state";

export const DEFAULT_EXPIRY_MS = 24 * 60 * 60_000;
export const MAX_EXPIRY_DAYS = 30;
export const MAX_LINE_ITEMS = 20;

const text = (max: number) => z.string().trim().min(1, "Fill in this field.").max(max, `At most ${max} characters.`).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
const minor = z.number().int("Amounts are whole numbers of the currency's minor unit (cents).").min(0).max(MAX_AMOUNT);

/**
 * POST /api/payment-requests. Amounts are integers in the currency's minor unit; `taxRate` is a
 * percent with at most two decimals (22, 7.5). Any total a client sends is ignored (stripped).
 */
export const createPaymentRequestSchema = z.object({
  conversationId: z.string().uuid(),
  currency: z.string().transform((c) => c.toUpperCase()).pipe(z.enum(CURRENCIES as [Currency, ...Currency[]], "Unsupported currency.")),
  lineItems: z
    .array(z.object({ name: text(100), quantity: z.number().int().min(1).max(MAX_QUANTITY), unitAmount: minor }))
    .min(1, "Add at least one line item.")
    .max(MAX_LINE_ITEMS, `At most ${MAX_LINE_ITEMS} line items.`),
  taxRate: z.number().min(0).max(100).optional(),
  discountAmount: minor.optional(),
  description: text(500),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  reference: z.string().regex(REFERENCE_PATTERN, "At most 35 letters, digits, '_', '.' or '-'.").optional(),
  bookingId: z.string().uuid().optional(),
  // Who collects the money: the built-in sandbox (default) or Stripe when it is configured.
  provider: z.enum(["sandbox", "stripe"]).optional(),
});
export type CreatePaymentRequestInput = z.infer<typeof createPaymentRequestSchema>;

export const listPaymentRequestsSchema = z.object({
  status: z.enum(PAYMENT_STATUSES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agentId: z.string().uuid().optional(),
  conversationId: z.string().uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListPaymentRequestsInput = z.infer<typeof listPaymentRequestsSchema>;

/** GET /api/payment-requests/export: the list's filters, every page. */
export const exportPaymentRequestsSchema = listPaymentRequestsSchema.omit({ cursor: true, limit: true });

/** POST /api/payment-requests/:id/refund: no amount → everything still refundable. */
export const refundSchema = z.object({
  amount: z.number().int().min(1).max(MAX_AMOUNT).optional(),
  reason: text(500),
});
export type RefundInput = z.infer<typeof refundSchema>;

/** POST /api/pay/:token/sandbox: the sandbox card form. */
export const sandboxCardSchema = z.object({
  cardNumber: z.string().transform((v) => v.replace(/[\s-]/g, "")).pipe(z.string().regex(/^\d{12,19}$/, "Enter the card number.")),
  expiry: z.string().trim().regex(/^(0[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/, "Use MM/YY."),
  cvc: z.string().trim().regex(/^\d{3,4}$/, "3 or 4 digits."),
  name: z.string().trim().min(1, "Enter the name on the card.").max(100),
});
export type SandboxCardInput = z.infer<typeof sandboxCardSchema>;

/** The Idempotency-Key header: 1–255 visible ASCII characters. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/);
