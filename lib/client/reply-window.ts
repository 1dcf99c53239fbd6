// The client's view of WhatsApp's 24-hour customer service window. The server decides
// (lib/whatsapp/window.ts); this only keeps the UI from offering what the server would refuse.

export const WINDOW_MS = 24 * 60 * 60_000;

export type ReplyWindow = { open: boolean; expiresAt: string | null };

export function windowClosed(win: ReplyWindow | null, lastInboundAt: string | null, now: Date): boolean {
  if (win) {
    if (!win.open) return true;
    return !!win.expiresAt && new Date(win.expiresAt).getTime() <= now.getTime();
  }
  return !lastInboundAt || new Date(lastInboundAt).getTime() + WINDOW_MS <= now.getTime();
}

/** Why a free-text reply (and so a quote) cannot be started now, or null when it can. */
export function replyBlockedReason(
  status: string | undefined,
  win: ReplyWindow | null,
  lastInboundAt: string | null,
  now: Date,
): string | null {
  if (status === "resolved") return "This conversation is resolved. Reopen it to reply.";
  if (windowClosed(win, lastInboundAt, now)) {
    return lastInboundAt
      ? "The 24-hour reply window has closed: WhatsApp only accepts templates until the customer writes again."
      : "This customer has not written yet: WhatsApp only accepts templates until they do.";
  }
  return null;
}
