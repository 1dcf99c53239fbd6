import "server-only";
import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { isUniqueViolation } from "@/lib/db/errors";
import { bookings, contacts } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";
import { bookingErrors } from "./errors";
import { checkCheckins, completeLegs } from "./legs";
import { toBooking } from "./queries";
import type { Booking, CreateBookingInput, Leg, Passenger, UpdateBookingInput } from "./schemas";

type BookingRow = typeof bookings.$inferSelect;

/** Creates a booking for a contact of the actor's workspace: 400 for a stranger's contact, 409 for a PNR already used. */
export async function createBooking(db: Db, { actor, input }: { actor: Actor; input: CreateBookingInput }): Promise<Booking> {
  const errors: Record<string, string[]> = {};
  const legs = completeLegs(input.legs, errors);
  if (Object.keys(errors).length > 0) throw bookingErrors.invalidBooking(errors);
  try {
    return await db.transaction(async (tx) => {
      const [contact] = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, actor.workspaceId), eq(contacts.id, input.contactId)))
        .limit(1);
      if (!contact) throw bookingErrors.unknownContact();
      const [row] = await tx
        .insert(bookings)
        .values({
          workspaceId: actor.workspaceId,
          contactId: input.contactId,
          pnr: input.pnr,
          status: input.status,
          passengers: input.passengers,
          legs,
          totalAmount: input.totalAmount ?? null,
          currency: input.currency ?? null,
        })
        .returning();
      await afterWrite(tx, actor, row!, "booking.created", ["pnr", "status", "passengers", "legs", "totalAmount", "currency"]);
      return toBooking(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw bookingErrors.pnrTaken(input.pnr);
    throw err;
  }
}

/**
 * Changes what is given; passengers and legs are replaced whole. Check-ins are validated against
 * the booking as it will be (new legs with old passengers, or the reverse), under a row lock.
 */
export async function updateBooking(db: Db, { actor, bookingId, input }: { actor: Actor; bookingId: string; input: UpdateBookingInput }): Promise<Booking> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(bookings)
      .where(and(eq(bookings.workspaceId, actor.workspaceId), eq(bookings.id, bookingId)))
      .for("update")
      .limit(1);
    if (!current) throw bookingErrors.notFound();

    const errors: Record<string, string[]> = {};
    const legs = input.legs ? completeLegs(input.legs, errors) : (current.legs as Leg[]);
    const passengers = input.passengers ?? (current.passengers as Passenger[]);
    checkCheckins({ passengers, legs }, errors);
    if (Object.keys(errors).length > 0) throw bookingErrors.invalidBooking(errors);

    const changed = (Object.keys(input) as (keyof UpdateBookingInput)[]).filter((k) => input[k] !== undefined);
    const [row] = await tx
      .update(bookings)
      .set({
        ...(input.status !== undefined && { status: input.status }),
        ...(input.passengers !== undefined && { passengers }),
        ...(input.legs !== undefined && { legs }),
        ...(input.totalAmount !== undefined && { totalAmount: input.totalAmount }),
        ...(input.currency !== undefined && { currency: input.currency }),
        updatedAt: new Date(),
      })
      .where(eq(bookings.id, current.id))
      .returning();
    await afterWrite(tx, actor, row!, "booking.updated", changed, current.status !== row!.status ? { from: current.status, to: row!.status } : undefined);
    return toBooking(row!);
  });
}

async function afterWrite(tx: Db, actor: Actor, row: BookingRow, action: string, fields: string[], status?: { from: string; to: string }) {
  await recordAudit(tx, {
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    action,
    data: { bookingId: row.id, contactId: row.contactId, pnr: row.pnr, fields, ...(status && { status }) },
  });
  // Delivered at commit: every open inbox refetches this contact's bookings.
  await publishEvent(tx, { type: "booking.updated", workspaceId: actor.workspaceId, contactId: row.contactId, bookingId: row.id });
}
