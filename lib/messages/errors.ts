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
  templateUnknown: () =>
    domainError("validation_failed", "template.unknown", "This template is not approved for this number.", undefined, { name: ["Pick an approved template."] }),
  templateParamCount: (expected: number, got: number) =>
    domainError("validation_failed", "template.param_count", `This template needs ${expected} value${expected === 1 ? "" : "s"}.`, { expected, got }, {
      params: [`Expected ${expected}, got ${got}.`],
    }),
};
