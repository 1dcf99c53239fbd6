import { domainError } from "@/lib/errors/app-error";
import { WINDOW_CLOSED_MESSAGE } from "@/lib/whatsapp/window";

// The messages domain's errors: a reason a client can translate, its params, the English sentence.
export const messageErrors = {
  notFound: () => domainError("not_found", "message.not_found", "Message not found."),
  windowClosed: () => domainError("conflict", "reply.window_closed", WINDOW_CLOSED_MESSAGE),
  quoteUnknown: () =>
    domainError("validation_failed", "reply.quote_unknown", "The quoted message is not in this conversation.", undefined, { replyToMessageId: ["Unknown message."] }),
  alreadySending: () => domainError("conflict", "retry.already_sending", "This message is already being sent."),
  notRetryable: () => domainError("conflict", "retry.not_failed", "Only messages that failed to send can be retried."),
  templateNotApproved: (status: string) =>
    domainError("conflict", "template.not_approved", `This template is ${status.toLowerCase()} at WhatsApp and cannot be sent.`, { status }),
  templateNotForTeam: () => domainError("forbidden", "template.not_for_team", "This template is not available to your team."),
  templateOtherAccount: () => domainError("conflict", "template.other_account", "This template belongs to another WhatsApp Business account than this number."),
  bookingOfAnotherCustomer: () =>
    domainError("validation_failed", "template.booking_mismatch", "That booking belongs to another customer.", undefined, { bookingId: ["Not this customer's booking."] }),
  /** Every parameter without a value, keyed by its id (`body:first_name`), so the form marks each. */
  templateMissing: (ids: string[]) => {
    const names = ids.map((id) => id.split(":").at(-1)!).join(", ");
    return domainError(
      "validation_failed",
      "template.missing_values",
      `Fill in ${ids.length === 1 ? "this field" : `these ${ids.length} fields`} before sending: ${names}.`,
      { count: ids.length, names },
      Object.fromEntries(ids.map((id) => [id, ["Fill in this field."]])),
    );
  },
  templateValues: (fields: Record<string, string[]>) =>
    domainError("validation_failed", "template.bad_values", "Some values cannot be sent as they are.", { count: Object.keys(fields).length }, fields),
};
