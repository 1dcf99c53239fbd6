// Test-only: what route tests outside lib/ need to set up and read back around a payment request
// (they may not import drizzle or the schema themselves).
import { eq } from "drizzle-orm";
import { contacts, paymentEvents, paymentRequests, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

export async function setContactLocale(db: Db, contactId: string, locale: string | null): Promise<void> {
  await db.update(contacts).set({ locale }).where(eq(contacts.id, contactId));
}

export async function setWorkspaceTimeZone(db: Db, workspaceId: string, timezone: string): Promise<void> {
  await db.update(workspaces).set({ timezone }).where(eq(workspaces.id, workspaceId));
}

/** Moves a request where a test needs it (past its expiry, onto another provider) without the domain's rules. */
export async function patchPaymentRequest(db: Db, id: string, patch: Partial<Pick<typeof paymentRequests.$inferInsert, "expiresAt" | "provider" | "checkoutUrl">>): Promise<void> {
  await db.update(paymentRequests).set(patch).where(eq(paymentRequests.id, id));
}

export async function paymentStatusOf(db: Db, id: string): Promise<string> {
  const [row] = await db.select({ status: paymentRequests.status }).from(paymentRequests).where(eq(paymentRequests.id, id));
  return row!.status;
}

/** The provider events stored for a request, oldest first (`payment.captured`, `payment.declined`…). */
export async function paymentEventTypes(db: Db, id: string): Promise<string[]> {
  const rows = await db.select({ type: paymentEvents.type, at: paymentEvents.receivedAt }).from(paymentEvents).where(eq(paymentEvents.paymentRequestId, id));
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime()).map((r) => r.type);
}
