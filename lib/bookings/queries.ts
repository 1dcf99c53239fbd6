import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { bookings, conversations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { bookingErrors } from "./errors";
import type { Booking, BookingStatus, Leg, Passenger } from "./schemas";

type BookingRow = typeof bookings.$inferSelect;

export function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    contactId: row.contactId,
    pnr: row.pnr,
    status: row.status as BookingStatus,
    passengers: row.passengers as Passenger[],
    legs: row.legs as Leg[],
    totalAmount: row.totalAmount ?? null,
    currency: row.currency ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One booking of the workspace, or a 404. */
export async function getBooking(db: Db, { workspaceId, bookingId }: { workspaceId: string; bookingId: string }): Promise<Booking> {
  const [row] = await db.select().from(bookings).where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.id, bookingId))).limit(1);
  if (!row) throw bookingErrors.notFound();
  return toBooking(row);
}

/**
 * A contact's bookings, or those of a conversation's contact (404 for a conversation of another
 * workspace). Newest first departure first.
 */
export async function listBookings(
  db: Db,
  { workspaceId, contactId, conversationId }: { workspaceId: string; contactId?: string; conversationId?: string },
): Promise<Booking[]> {
  let owner = contactId;
  if (conversationId) {
    const [conv] = await db
      .select({ contactId: conversations.contactId })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)))
      .limit(1);
    if (!conv) throw bookingErrors.conversationNotFound();
    owner = conv.contactId;
  }
  if (!owner) return [];
  const rows = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.workspaceId, workspaceId), eq(bookings.contactId, owner)))
    // Instants carry their own offsets: compare them as timestamps, not as text.
    .orderBy(sql`(${bookings.legs}->0->>'departureAt')::timestamptz desc`, desc(bookings.createdAt))
    .limit(100);
  return rows.map(toBooking);
}
