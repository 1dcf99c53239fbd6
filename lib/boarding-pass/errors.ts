import { domainError } from "@/lib/errors/app-error";

export const boardingPassErrors = {
  /** A forged, mangled or unknown link: the same answer as a missing one, so nothing leaks. */
  linkNotFound: () => domainError("not_found", "boarding_pass.link_not_found", "This boarding pass link is not valid."),
  // 404, not 410: lib/errors has no "gone" kind and a fetcher treats both as final.
  linkExpired: () => domainError("not_found", "boarding_pass.link_expired", "This boarding pass link has expired. Ask for a new one."),
  bookingNotOfContact: () =>
    domainError("conflict", "boarding_pass.booking_not_of_contact", "This booking belongs to another customer: a boarding pass goes only to its own traveller."),
  bookingCancelled: () => domainError("conflict", "boarding_pass.booking_cancelled", "This booking is cancelled: it has no boarding pass."),
};
