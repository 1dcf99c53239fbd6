import type { ConversationStatus } from "./schemas";

// A resolved conversation must be reopened before anything else happens to it.
const ALLOWED: Record<ConversationStatus, readonly ConversationStatus[]> = {
  open: ["pending", "snoozed", "resolved"],
  pending: ["open", "snoozed", "resolved"],
  snoozed: ["open", "pending", "resolved"],
  resolved: ["open"],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return from === to || ALLOWED[from].includes(to);
}

export function transitionError(from: ConversationStatus, to: ConversationStatus): string {
  if (from === "resolved") return `This conversation is resolved. Reopen it before marking it ${to}.`;
  return `A ${from} conversation cannot become ${to}.`;
}

/** Column changes that go with entering a status. */
export function statusSideEffects(to: ConversationStatus, now: Date, snoozedUntil?: Date) {
  return {
    status: to,
    resolvedAt: to === "resolved" ? now : null,
    snoozedUntil: to === "snoozed" ? (snoozedUntil ?? null) : null,
    ...(to === "resolved" ? { unreadCount: 0, waitingSince: null } : {}),
  };
}
