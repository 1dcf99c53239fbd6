import { z } from "zod";
import { airportOf } from "./airports";
import { checkinsPointAtPassengers, type Leg, type LegInput } from "./schemas";

type FieldErrors = Record<string, string[]>;

function add(errors: FieldErrors, key: string, message: string) {
  (errors[key] ??= []).push(message);
}

/**
 * Legs as stored: each with both time zones (given, or the airport's from lib/bookings/airports.ts),
 * and arriving after it departs. Problems come back as field errors keyed like zod's paths.
 */
export function completeLegs(legs: LegInput[], errors: FieldErrors): Leg[] {
  return legs.map((leg, i) => {
    const fromTimeZone = leg.fromTimeZone ?? airportOf(leg.from)?.timeZone;
    const toTimeZone = leg.toTimeZone ?? airportOf(leg.to)?.timeZone;
    if (!fromTimeZone) add(errors, `legs.${i}.fromTimeZone`, `Unknown airport ${leg.from}: give its time zone.`);
    if (!toTimeZone) add(errors, `legs.${i}.toTimeZone`, `Unknown airport ${leg.to}: give its time zone.`);
    if (leg.from === leg.to) add(errors, `legs.${i}.to`, "Arrival airport must differ from departure.");
    if (Date.parse(leg.arrivalAt) <= Date.parse(leg.departureAt)) add(errors, `legs.${i}.arrivalAt`, "Arrival must be after departure.");
    return { ...leg, fromTimeZone: fromTimeZone ?? "UTC", toTimeZone: toTimeZone ?? "UTC" };
  });
}

const checkinShape = z
  .object({ passengers: z.array(z.unknown()), legs: z.array(z.object({ checkins: z.array(z.object({ passenger: z.number() })) })) })
  .superRefine(checkinsPointAtPassengers);

/** The schema's check-in rule, applied to a whole booking (an update's merge of old and new). */
export function checkCheckins(booking: { passengers: unknown[]; legs: Pick<Leg, "checkins">[] }, errors: FieldErrors): void {
  const parsed = checkinShape.safeParse(booking);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) add(errors, issue.path.map(String).join("."), issue.message);
}
