// WhatsApp's 24-hour customer service window: a customer's message opens (or renews) it; inside
// it the business may send anything, outside it only approved templates. Our own messages,
// templates included, never reopen it. Pure: the UI, createReply and the outbox share it.

export const WINDOW_MS = 24 * 60 * 60 * 1000;

export type WindowState = {
  open: boolean;
  /** When the window closes (or closed); null when the customer never wrote. */
  expiresAt: Date | null;
  /** Milliseconds left, 0 once closed. */
  msLeft: number;
};

export function windowState(lastInboundAt: Date | null | undefined, now: Date = new Date()): WindowState {
  if (!lastInboundAt) return { open: false, expiresAt: null, msLeft: 0 };
  const expiresAt = new Date(lastInboundAt.getTime() + WINDOW_MS);
  const msLeft = Math.max(0, expiresAt.getTime() - now.getTime());
  return { open: msLeft > 0, expiresAt, msLeft };
}

/** Message kinds that may be sent outside the window. Everything else is free-form. */
export const TEMPLATE_KINDS: ReadonlySet<string> = new Set(["template"]);

export function needsOpenWindow(kind: string): boolean {
  return !TEMPLATE_KINDS.has(kind);
}

export const WINDOW_CLOSED_MESSAGE =
  "More than 24 hours have passed since the customer last wrote. Send an approved template to reopen the conversation.";
