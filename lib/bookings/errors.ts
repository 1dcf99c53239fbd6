import { domainError } from "@/lib/errors/app-error";

export const bookingErrors = {
  notFound: () => domainError("not_found", "booking.not_found", "Booking not found."),
  noSuchLeg: (leg: number) => domainError("validation_failed", "booking.no_such_leg", `This booking has no leg ${leg}.`, { leg }, { leg: ["No such leg."] }),
  noSuchPassenger: (passenger: number) =>
    domainError("validation_failed", "booking.no_such_passenger", `This booking has no passenger ${passenger}.`, { passenger }, { passenger: ["No such passenger."] }),
  pnrTaken: (pnr: string) =>
    domainError("conflict", "booking.pnr_taken", `A booking with the code ${pnr} already exists in this workspace.`, { pnr }, { pnr: ["This booking code is already taken."] }),
  unknownContact: () =>
    domainError("validation_failed", "booking.unknown_contact", "That contact does not exist in this workspace.", undefined, { contactId: ["Unknown contact."] }),
  conversationNotFound: () => domainError("not_found", "conversation.not_found", "Conversation not found."),
  /** Field errors found on the booking as it would be after the change (check-ins, times, time zones). */
  invalidBooking: (fields: Record<string, string[]>) => domainError("validation_failed", "request.invalid_fields", "Some fields are invalid.", undefined, fields),
};
