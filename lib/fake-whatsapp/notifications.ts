// Webhook bodies the fake posts, serialised the way Meta puts them on the wire: compact JSON with
// every non-ASCII character escaped as \uXXXX, signed over exactly those bytes.
import { signBody } from "@/lib/whatsapp/signature";

export const FAKE_WABA_ID = "102290129340398";

export type FakeMetadata = { phoneNumberId: string; displayPhoneNumber: string };

/** JSON.stringify, then non-ASCII → \uXXXX (surrogate pairs stay two escapes, as Meta sends them). */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function signedWebhook(value: unknown, appSecret: string): { body: string; signature: string } {
  const body = metaJson(value);
  return { body, signature: signBody(body, appSecret) };
}

function envelope(meta: FakeMetadata, value: Record<string, unknown>, field = "messages") {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: FAKE_WABA_ID,
        changes: [
          {
            field,
            value: { messaging_product: "whatsapp", metadata: { display_phone_number: meta.displayPhoneNumber, phone_number_id: meta.phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

/**
 * Who a customer is to Meta since 2026: a phone number (`wa_id`), a business-scoped user id
 * (BSUID, `user_id`), or both. A customer with a username may have the phone withheld: then only
 * the BSUID travels (no `wa_id`, no `from`, no `recipient_id`).
 */
export type FakeIdentity = { waId: string | null; userId: string | null; username?: string | null; profileName: string };

/** `contacts[]` element: `{ profile: { name, username? }, wa_id?, user_id? }`. */
export function contactOf(c: FakeIdentity): Record<string, unknown> {
  return {
    profile: { name: c.profileName, ...(c.username ? { username: c.username } : {}) },
    ...(c.waId ? { wa_id: c.waId } : {}),
    ...(c.userId ? { user_id: c.userId } : {}),
  };
}

/** The sender fields of a `messages[]` element: `from` (phone, when shown) and `from_user_id`. */
export function senderOf(c: Pick<FakeIdentity, "waId" | "userId">): Record<string, string> {
  return { ...(c.waId ? { from: c.waId } : {}), ...(c.userId ? { from_user_id: c.userId } : {}) };
}

/** Pricing as statuses carry it since per-message pricing (July 2025). */
export function pricingOf(category: NonNullable<StatusInput["category"]>) {
  return { billable: category !== "service", pricing_model: "PMP", category, type: category === "service" ? "free_customer_service" : "regular" };
}

export type StatusInput = {
  wamid: string;
  status: "sent" | "delivered" | "read" | "failed";
  at: number;
  /** The phone number the business sent to (`recipient_id`); null when it sent to a BSUID. */
  recipient: string | null;
  /** The customer's BSUID when known (`recipient_user_id`). */
  recipientUserId?: string | null;
  bizOpaque?: string | null;
  error?: { code: number; title: string; details: string };
  /** Marketing/utility templates open a paid conversation; service replies are free. */
  category?: "service" | "utility" | "marketing" | "authentication";
};

export function statusNotification(meta: FakeMetadata, s: StatusInput) {
  const category = s.category ?? "service";
  const status: Record<string, unknown> = {
    id: s.wamid,
    status: s.status,
    timestamp: String(Math.floor(s.at / 1000)),
    ...(s.recipient ? { recipient_id: s.recipient } : {}),
    ...(s.recipientUserId ? { recipient_user_id: s.recipientUserId } : {}),
  };
  if (s.bizOpaque) status.biz_opaque_callback_data = s.bizOpaque;
  if (s.status === "sent") {
    status.conversation = { id: `fakeconv${s.recipient ?? s.recipientUserId}`, expiration_timestamp: String(Math.floor(s.at / 1000) + 86_400), origin: { type: category } };
  }
  // Every status of a delivered message carries its pricing (a failed one is not billed).
  if (s.status !== "failed") status.pricing = pricingOf(category);
  if (s.status === "failed" && s.error) {
    status.errors = [{ code: s.error.code, title: s.error.title, message: s.error.title, error_data: { details: s.error.details } }];
  }
  return envelope(meta, { statuses: [status] });
}

export function inboundNotification(meta: FakeMetadata, contact: FakeIdentity, message: Record<string, unknown>) {
  return envelope(meta, { contacts: [contactOf(contact)], messages: [message] });
}

/**
 * What the business sent from the WhatsApp Business app on a coexistence number: field
 * `smb_message_echoes`, `value.message_echoes[]` with `from` = the business number and `to` = the
 * customer (`to_user_id` too when the customer has a BSUID; *unverified*, mirrors `from_user_id`).
 */
export function echoNotification(meta: FakeMetadata, customer: FakeIdentity, echo: { id: string; at: number; type: string; content: Record<string, unknown> }) {
  const message = {
    from: meta.displayPhoneNumber,
    ...(customer.waId ? { to: customer.waId } : {}),
    ...(customer.userId ? { to_user_id: customer.userId } : {}),
    id: echo.id,
    timestamp: String(Math.floor(echo.at / 1000)),
    type: echo.type,
    [echo.type]: echo.content,
  };
  return envelope(meta, { contacts: [contactOf(customer)], message_echoes: [message] }, "smb_message_echoes");
}

/**
 * An account-level notification about a template (`message_template_status_update`,
 * `message_template_quality_update`, `template_category_update`): `entry.id` is the WABA id,
 * `entry.time` when it happened; no metadata, no phone number.
 */
export function templateNotification(wabaId: string, field: string, value: Record<string, unknown>, at: number) {
  return { object: "whatsapp_business_account", entry: [{ id: wabaId, time: Math.floor(at / 1000), changes: [{ field, value }] }] };
}
