import { domainError } from "@/lib/errors/app-error";

export const bookingErrors = {
  notFound: () => domainError("not_found", "booking.not_found", "Booking not found."),
  noSuchLeg: (leg: number) => domainError("validation_failed", "booking.no_such_leg", `This booking has no leg ${leg}.`, { leg }, { leg: ["No such leg."] }),
  noSuchPassenger: (passenger: number) =>
    domainError("validation_failed", "booking.no_such_passenger", `This booking has no passenger ${passenger}.`, { passenger }, { passenger: ["No such passenger."] }),
};
