import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bookings } from "./bookings";
import { conversations, messages } from "./conversations";
import { contacts, users, workspaces } from "./workspace";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
// Integer minor units of the request's currency (EUR cents, JPY yen, KWD fils). bigint: a
// KWD amount in fils or an INR amount in paise may pass 2^31.
const minor = (name: string) => bigint(name, { mode: "number" });

/**
 * A payment asked of a customer in a conversation. The server computes every amount from the
 * line items (lib/payments/money.ts); the status moves only through lib/payments/state.ts.
 * The pay link's token is never stored (see payTokenNonce).
 */
export const paymentRequests = pgTable(
  "payment_requests",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    bookingId: uuid("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    // The message that carried the request to the customer (the thread's payment card).
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    // ≤ 35 chars of [A-Za-z0-9_.-] (WhatsApp's reference_id rule), unique per workspace.
    reference: text("reference").notNull(),
    currency: text("currency").notNull(),
    // [{ name, quantity, unitAmount, amount }] as computed by the server.
    lineItems: jsonb("line_items").$type<{ name: string; quantity: number; unitAmount: number; amount: number }[]>().notNull(),
    // Basis points (2200 = 22 %).
    taxRateBps: integer("tax_rate_bps").notNull().default(0),
    amountDiscount: minor("amount_discount").notNull().default(0),
    amountSubtotal: minor("amount_subtotal").notNull(),
    amountTax: minor("amount_tax").notNull(),
    amountTotal: minor("amount_total").notNull(),
    amountCaptured: minor("amount_captured").notNull().default(0),
    amountRefunded: minor("amount_refunded").notNull().default(0),
    description: text("description").notNull(),
    // pending | paid | expired | cancelled | partially_refunded | refunded
    status: text("status").notNull().default("pending"),
    expiresAt: ts("expires_at").notNull(),
    // The pay link's token is HMAC(server secret, nonce): the server can show the link again (an
    // idempotent retry, the card's "copy link"), while the table alone yields no link. Lookups go
    // by the token's SHA-256.
    payTokenNonce: text("pay_token_nonce").notNull(),
    payTokenHash: text("pay_token_hash").notNull(),
    provider: text("provider").notNull().default("sandbox"),
    // The provider's checkout (Stripe: the Checkout Session id); null for none.
    providerRef: text("provider_ref"),
    // The captured payment at the provider (Stripe: the PaymentIntent), which refunds name.
    providerPaymentRef: text("provider_payment_ref"),
    // Where a redirecting provider takes the customer (Stripe Checkout); null for the hosted sandbox form.
    checkoutUrl: text("checkout_url"),
    // The last decline or processing error the customer saw ({ code, message, at }); the request stays pending.
    lastFailure: jsonb("last_failure").$type<{ code: string; message: string; at: string } | null>(),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    paidAt: ts("paid_at"),
    cancelledAt: ts("cancelled_at"),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    expiredAt: ts("expired_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_requests_ws_reference_uq").on(t.workspaceId, t.reference),
    uniqueIndex("payment_requests_token_uq").on(t.payTokenHash),
    uniqueIndex("payment_requests_ws_idem_uq").on(t.workspaceId, t.idempotencyKey).where(sql`idempotency_key is not null`),
    // Keyset paging of the list, newest first, with and without a status filter.
    index("payment_requests_ws_created_idx").on(t.workspaceId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("payment_requests_ws_status_created_idx").on(t.workspaceId, t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("payment_requests_conversation_idx").on(t.conversationId, t.createdAt.desc().nullsFirst()),
    // The reports' "collected" half: requests paid in a range (lib/reports/payments.ts).
    index("payment_requests_ws_paid_idx").on(t.workspaceId, t.paidAt).where(sql`paid_at is not null`),
    // The expiry job's scan: only pending rows.
    index("payment_requests_pending_expiry_idx").on(t.expiresAt).where(sql`status = 'pending'`),
  ],
);

/** Provider webhook events, stored by the provider's event id: a replay finds the row and changes nothing. */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    // Null when the event names no request we know (stored and ignored).
    paymentRequestId: uuid("payment_request_id").references(() => paymentRequests.id, { onDelete: "set null" }),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    processed: boolean("processed").notNull().default(false),
    // What applying it did: applied | ignored:<why>.
    outcome: text("outcome"),
    receivedAt: ts("received_at").notNull().defaultNow(),
    processedAt: ts("processed_at"),
  },
  (t) => [uniqueIndex("payment_events_provider_event_uq").on(t.provider, t.eventId), index("payment_events_request_idx").on(t.paymentRequestId)],
);

/** A refund: an agent's is `requested` until a lead or admin decides; a lead's goes straight to the provider. */
export const paymentRefunds = pgTable(
  "payment_refunds",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    paymentRequestId: uuid("payment_request_id").notNull().references(() => paymentRequests.id, { onDelete: "cascade" }),
    amount: minor("amount").notNull(),
    reason: text("reason").notNull(),
    // requested | approved | declined | succeeded | failed
    status: text("status").notNull(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
    providerRef: text("provider_ref"),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("payment_refunds_request_idx").on(t.paymentRequestId, t.createdAt),
    // The leads' queue of refunds waiting for a decision.
    index("payment_refunds_ws_waiting_idx").on(t.workspaceId, t.createdAt).where(sql`status = 'requested'`),
    uniqueIndex("payment_refunds_idem_uq").on(t.paymentRequestId, t.idempotencyKey).where(sql`idempotency_key is not null`),
  ],
);

/**
 * What the payments list's totals read when it is not filtered by date, agent or conversation
 * (migration 0021): per workspace, status and currency, the requests and their amounts as delta
 * rows — a trigger on payment_requests appends −old and +new whenever a request is created,
 * changes status or amounts, or is deleted, and compact_payment_totals() folds them (every 10 s,
 * lib/payments/jobs.ts). Append-only, like conversation_counts: no payment waits on a totals row.
 */
export const paymentTotals = pgTable(
  "payment_totals",
  {
    workspaceId: uuid("workspace_id").notNull(),
    status: text("status").notNull(),
    currency: text("currency").notNull(),
    n: integer("n").notNull(),
    amountTotal: minor("amount_total").notNull(),
    amountCaptured: minor("amount_captured").notNull(),
    amountRefunded: minor("amount_refunded").notNull(),
  },
  (t) => [index("payment_totals_workspace_idx").on(t.workspaceId)],
);
