// The customer side of the in-app fake Graph API (demo mode only). Shapes: lib/fake-whatsapp/*.
import type { CustomerMessageInput } from "@/lib/fake-whatsapp/customer-messages";
import type { SentRecord } from "@/lib/fake-whatsapp/engine";
import type { FakeTemplate } from "@/lib/fake-whatsapp/templates";

export type { CustomerMessageInput, FakeTemplate, SentRecord };

const BASE = "/api/fake-graph/_fake";

/** The click-to-WhatsApp ad a demo customer may arrive from (the business's own ad, in its language). */
export const DEMO_AD = {
  source_type: "ad",
  source_url: "https://fb.me/3Hv9xQ2aL",
  source_id: "120208491755310577",
  headline: "Voli per Lisbona da 39 €",
  body: "Prenota entro domenica: bagaglio a mano incluso.",
  media_type: "image",
  image_url: "https://scontent.xx.fbcdn.net/v/t45.1600-4/lisbona-ad.jpg",
} as const;

/**
 * A failed call to the fake: `message` is the fake's own (English) words when it gave some;
 * otherwise the phone says `kind` in the user's language.
 */
export class FakeApiError extends Error {
  readonly kind: "unreachable" | "status";
  readonly status?: number;

  constructor(kind: "unreachable" | "status", message: string, status?: number) {
    super(message);
    this.name = "FakeApiError";
    this.kind = kind;
    this.status = status;
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, { cache: "no-store", ...init, headers: { "Content-Type": "application/json", ...init?.headers } });
  } catch {
    throw new FakeApiError("unreachable", "");
  }
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new FakeApiError("status", body?.error?.message ?? "", res.status);
  return body as T;
}

/**
 * What the business sent this customer, oldest first, with the statuses the fake reported, and
 * until when the business shows as typing (WhatsApp's typing indicator).
 */
export async function fetchInbox(waId: string): Promise<{ data: SentRecord[]; typingUntil: string | null }> {
  return call<{ data: SentRecord[]; typingUntil: string | null }>(`/customers/${encodeURIComponent(waId)}/inbox`);
}

export async function fetchTemplates(): Promise<FakeTemplate[]> {
  const r = await call<{ data: FakeTemplate[] }>("/templates");
  return r.data;
}

export type CustomerSendResult = { id: string; webhookStatus: number | "error" };

/** The customer writes: the fake posts a signed webhook to the app, like Meta. */
export async function customerSends(waId: string, input: CustomerMessageInput): Promise<CustomerSendResult> {
  return call<CustomerSendResult>(`/customers/${encodeURIComponent(waId)}/messages`, { method: "POST", body: JSON.stringify(input) });
}

/** The customer opens the chat: everything delivered turns read (blue ticks for the agent). */
export async function customerReads(waId: string): Promise<string[]> {
  const r = await call<{ read: string[] }>(`/customers/${encodeURIComponent(waId)}/read`, { method: "POST" });
  return r.read;
}
