import { apiRoute, parseWith, readJson, searchParamsOf } from "@/lib/http/route";
import { createBooking } from "@/lib/bookings/mutations";
import { listBookings } from "@/lib/bookings/queries";
import { createBookingSchema, listBookingsSchema } from "@/lib/bookings/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute("booking:read", async ({ actor, db, req }) => {
  const input = parseWith(listBookingsSchema, searchParamsOf(req));
  return { items: await listBookings(db, { workspaceId: actor.workspaceId, ...input }) };
});

export const POST = apiRoute(
  "booking:write",
  async ({ actor, db, req }) => {
    const input = parseWith(createBookingSchema, await readJson(req));
    return createBooking(db, { actor, input });
  },
  { status: 201 },
);
