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

/** Why a free-text reply cannot be started now: the UI says it in the user's language. */
export type ReplyBlock = "resolved" | "windowClosed" | "neverWrote";

/** Why a free-text reply (and so a quote) cannot be started now, or null when it can. */
export function replyBlockedReason(status: string | undefined, win: ReplyWindow | null, lastInboundAt: string | null, now: Date): ReplyBlock | null {
  if (status === "resolved") return "resolved";
  if (windowClosed(win, lastInboundAt, now)) return lastInboundAt ? "windowClosed" : "neverWrote";
  return null;
}
