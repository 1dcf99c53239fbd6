import { domainError } from "@/lib/errors/app-error";
import { WINDOW_CLOSED_MESSAGE } from "@/lib/whatsapp/window";

/** A message written by a teammate after the sender last looked (the send-time guard's report). */
export type ChangeSince = { id: string; kind: string; note: boolean; author: { id: string; name: string } | null; snippet: string; createdAt: string };

// The messages domain's errors: a reason a client can translate, its params, the English sentence.
export const messageErrors = {
  /** Only the assignee replies (a workspace rule): someone else has this conversation. */
  notAssignee: (assignee: { id: string; name: string }) =>
    domainError("forbidden", "conversation.not_assignee", `${assignee.name} is handling this conversation: in this workspace only the assignee replies.`, { name: assignee.name }, undefined, { assignee }),
  /** Another teammate replied or wrote a note since the sender last looked: refused unless forced. */
  changedSince: (changes: ChangeSince[]) => {
    const names = [...new Set(changes.map((c) => c.author?.name ?? "Sportello"))].join(", ");
    return domainError(
      "conflict",
      "conversation.changed_since",
      `${names} wrote in this conversation after you started. Read it, then send anyway or edit your message.`,
      { count: changes.length, names },
      undefined,
      { changes },
    );
  },
  seenUnknown: () =>
    domainError("validation_failed", "reply.seen_unknown", "The message you last saw is not in this conversation.", undefined, { seenUpTo: ["Unknown message."] }),
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
