import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { updateBooking } from "@/lib/bookings/mutations";
import { getBooking } from "@/lib/bookings/queries";
import { updateBookingSchema } from "@/lib/bookings/schemas";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.uuid("Not a booking id.") });

export const GET = apiRoute<{ id: string }>("booking:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return getBooking(db, { workspaceId: actor.workspaceId, bookingId: id });
});

export const PATCH = apiRoute<{ id: string }>("booking:write", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(updateBookingSchema, await readJson(req));
  return updateBooking(db, { actor, bookingId: id, input });
});
