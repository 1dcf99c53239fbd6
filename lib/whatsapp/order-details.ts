import { z } from "zod";

// WhatsApp's native in-chat payment message (India: UPI / payment links; also Brazil, Singapore):
// `interactive` of type `order_details` with the `review_and_pay` action. Amounts are
// `{ value, offset }` integers (₹12.34 = { value: 1234, offset: 100 }); reference_id is ≤ 35
// chars of [A-Za-z0-9_.-] and unique per business. Used by the builder (lib/payments) and the
// fake Graph API's validation, so what we send is what the fake accepts.

const amount = z.object({ value: z.number().int().min(0), offset: z.union([z.literal(1), z.literal(100), z.literal(1000)]) }).strict();

export const orderDetailsSchema = z
  .object({
    type: z.literal("order_details"),
    header: z.object({ type: z.literal("text"), text: z.string().min(1).max(60) }).optional(),
    body: z.object({ text: z.string().min(1).max(1024) }),
    footer: z.object({ text: z.string().min(1).max(60) }).optional(),
    action: z.object({
      name: z.literal("review_and_pay"),
      parameters: z.object({
        reference_id: z.string().regex(/^[A-Za-z0-9_.-]{1,35}$/),
        type: z.enum(["digital-goods", "physical-goods"]),
        payment_configuration: z.string().min(1).max(60),
        currency: z.string().regex(/^[A-Z]{3}$/),
        total_amount: amount,
        order: z.object({
          status: z.literal("pending"),
          items: z
            .array(z.object({ retailer_id: z.string().min(1).max(100), name: z.string().min(1).max(60), amount, quantity: z.number().int().min(1) }).strict())
            .min(1),
          subtotal: amount,
          tax: amount.extend({ description: z.string().max(60).optional() }),
          discount: amount.extend({ description: z.string().max(60).optional() }).optional(),
          expiration: z.object({ timestamp: z.string().regex(/^\d+$/), description: z.string().max(120) }).optional(),
        }),
      }),
    }),
  })
  .superRefine((m, ctx) => {
    // WhatsApp checks the arithmetic: items add up to the subtotal, and subtotal + tax − discount is the total.
    const o = m.action.parameters.order;
    const total = m.action.parameters.total_amount;
    const offsets = new Set([total.offset, o.subtotal.offset, o.tax.offset, ...o.items.map((i) => i.amount.offset), ...(o.discount ? [o.discount.offset] : [])]);
    if (offsets.size !== 1) ctx.addIssue({ code: "custom", message: "All amounts must share one offset.", path: ["action", "parameters", "order"] });
    const items = o.items.reduce((s, i) => s + i.amount.value * i.quantity, 0);
    if (items !== o.subtotal.value) ctx.addIssue({ code: "custom", message: "The items do not add up to the subtotal.", path: ["action", "parameters", "order", "subtotal"] });
    if (o.subtotal.value + o.tax.value - (o.discount?.value ?? 0) !== total.value) {
      ctx.addIssue({ code: "custom", message: "subtotal + tax − discount must equal total_amount.", path: ["action", "parameters", "total_amount"] });
    }
  });

export type OrderDetailsInteractive = z.infer<typeof orderDetailsSchema>;
