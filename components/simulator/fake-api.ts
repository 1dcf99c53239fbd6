// The customer side of the in-app fake Graph API (demo mode only). Shapes: lib/fake-whatsapp/*.
import type { CustomerMessageInput } from "@/lib/fake-whatsapp/customer-messages";
import type { SentRecord } from "@/lib/fake-whatsapp/engine";
import type { FakeTemplate } from "@/lib/fake-whatsapp/templates";

export type { CustomerMessageInput, FakeTemplate, SentRecord };

const BASE = "/api/fake-graph/_fake";

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, { cache: "no-store", ...init, headers: { "Content-Type": "application/json", ...init?.headers } });
  } catch {
    throw new Error("The simulator cannot reach the app. Check your connection.");
  }
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(body?.error?.message || `The fake WhatsApp answered ${res.status}.`);
  return body as T;
}

/** What the business sent this customer, oldest first, with the statuses the fake reported. */
export async function fetchInbox(waId: string): Promise<SentRecord[]> {
  const r = await call<{ data: SentRecord[] }>(`/customers/${encodeURIComponent(waId)}/inbox`);
  return r.data;
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
