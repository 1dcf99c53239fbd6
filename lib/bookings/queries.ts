import "server-only";
import { and, eq } from "drizzle-orm";
import { bookings } from "@/lib/db/schema";
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
