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

function envelope(meta: FakeMetadata, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: FAKE_WABA_ID,
        changes: [
          {
            field: "messages",
            value: { messaging_product: "whatsapp", metadata: { display_phone_number: meta.displayPhoneNumber, phone_number_id: meta.phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

export type StatusInput = {
  wamid: string;
  status: "sent" | "delivered" | "read" | "failed";
  at: number;
  recipient: string;
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
    recipient_id: s.recipient,
  };
  if (s.bizOpaque) status.biz_opaque_callback_data = s.bizOpaque;
  if (s.status === "sent") {
    status.conversation = { id: `fakeconv${s.recipient}`, expiration_timestamp: String(Math.floor(s.at / 1000) + 86_400), origin: { type: category } };
    status.pricing = { billable: category !== "service", pricing_model: "PMP", category, type: category === "service" ? "free_customer_service" : "regular" };
  }
  if (s.status === "failed" && s.error) {
    status.errors = [{ code: s.error.code, title: s.error.title, message: s.error.title, error_data: { details: s.error.details } }];
  }
  return envelope(meta, { statuses: [status] });
}

export function inboundNotification(meta: FakeMetadata, contact: { waId: string; profileName: string }, message: Record<string, unknown>) {
  return envelope(meta, { contacts: [{ profile: { name: contact.profileName }, wa_id: contact.waId }], messages: [message] });
}
