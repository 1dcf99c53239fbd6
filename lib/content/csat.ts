// Customer satisfaction (issue 13), the data both sides agree on. Pure and client-safe.
//
// On resolve, the rating request template goes out with one payload per quick reply,
// `csat:<conversationId>:<rating>`; WhatsApp returns the tapped one as `button.payload`. The
// conversation id is not a secret: the answer counts only for that conversation's own customer,
// on its own number and workspace, once, within CSAT_ANSWER_WINDOW_MS of the request.

export const CSAT_TEMPLATE_NAME = "rating_request";

/** A rating counts within 7 days of the request; a later tap is an ordinary message. */
export const CSAT_ANSWER_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type CsatLevel = "good" | "okay" | "poor";

/** The words of a rating: 4–5 good, 3 okay, 1–2 poor (the request offers 5, 3 and 1). */
export function csatLevel(rating: number): CsatLevel {
  return rating >= 4 ? "good" : rating === 3 ? "okay" : "poor";
}

/** The ratings of a template's quick replies, first button best: 3 buttons → 5, 3, 1. */
export function csatRatingsFor(buttons: number): number[] {
  if (buttons <= 1) return buttons === 1 ? [5] : [];
  return Array.from({ length: buttons }, (_, i) => Math.round(5 - (4 * i) / (buttons - 1)));
}

export function csatPayload(conversationId: string, rating: number): string {
  return `csat:${conversationId}:${rating}`;
}

const CSAT_PAYLOAD = /^csat:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([1-5])$/i;

/** A quick reply's payload as a rating, or null when it is none (another button, a forged rating). */
export function parseCsatPayload(payload: unknown): { conversationId: string; rating: number } | null {
  if (typeof payload !== "string" || payload.length > 64) return null;
  const m = CSAT_PAYLOAD.exec(payload);
  return m ? { conversationId: m[1]!.toLowerCase(), rating: Number(m[2]) } : null;
}

/** The rating a customer's message carries: a template quick-reply tap (`button`) with a csat payload. */
export function csatAnswerOf(content: { kind: string; payload: unknown }): { conversationId: string; rating: number } | null {
  if (content.kind !== "button" || !content.payload || typeof content.payload !== "object") return null;
  return parseCsatPayload((content.payload as { payload?: unknown }).payload);
}
