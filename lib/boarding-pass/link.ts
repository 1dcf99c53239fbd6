import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AppLocale } from "@/i18n/locales";
import { getBooking } from "@/lib/bookings/queries";
import type { Db } from "@/lib/db/types";
import { getAppUrl, getAuthSecret } from "@/lib/env";
import { passSubject } from "./bcbp";
import { boardingPassErrors } from "./errors";
import { buildPassView } from "./pass-view";
import { contactLocale, renderBoardingPass, type RenderedPass } from "./render";

// A link the Cloud API can fetch a pass from without a session: Meta downloads a document
// `link` itself, from its own servers. The token is the pass's address plus an expiry, signed with
// HMAC-SHA-256 (256-bit tag): it cannot be guessed or altered, and it stops working when it
// expires. Nothing is stored: the pass is drawn again from the booking as it is at fetch time.
// The key is derived from the app's secret (NEXTAUTH_SECRET, a dev default outside production),
// so no new variable is needed, and a link signed for one purpose never verifies for another.

const VERSION = "bp1";
/** Long enough for Meta's fetch and the customer's own download from the chat; short enough to go stale. */
export const DEFAULT_LINK_TTL_SECONDS = 24 * 60 * 60;
const MAX_TTL_SECONDS = 7 * 24 * 60 * 60;

type LinkClaims = { workspaceId: string; bookingId: string; leg: number; passenger: number; locale: AppLocale; expiresAt: number };

function key(): Buffer {
  return createHmac("sha256", getAuthSecret()).update("sportello/boarding-pass-link/v1").digest();
}

function sign(body: string): string {
  return createHmac("sha256", key()).update(`${VERSION}.${body}`).digest("base64url");
}

export function signBoardingPassToken(claims: LinkClaims): string {
  const body = Buffer.from([claims.workspaceId, claims.bookingId, claims.leg, claims.passenger, claims.locale, claims.expiresAt].join("~")).toString("base64url");
  return `${VERSION}.${body}.${sign(body)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims of a genuine token, else a 404; an expired one is a 404 that says so. */
export function verifyBoardingPassToken(token: string, now = new Date()): LinkClaims {
  const [version, body, tag, ...rest] = token.split(".");
  if (version !== VERSION || !body || !tag || rest.length || token.length > 400) throw boardingPassErrors.linkNotFound();
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw boardingPassErrors.linkNotFound();
  const [workspaceId, bookingId, leg, passenger, locale, expiresAt] = Buffer.from(body, "base64url").toString("utf8").split("~");
  if (!UUID.test(workspaceId ?? "") || !UUID.test(bookingId ?? "") || (locale !== "en" && locale !== "it")) throw boardingPassErrors.linkNotFound();
  const claims = { workspaceId: workspaceId!, bookingId: bookingId!, leg: Number(leg), passenger: Number(passenger), locale, expiresAt: Number(expiresAt) } satisfies LinkClaims;
  if (!Number.isInteger(claims.leg) || !Number.isInteger(claims.passenger) || !Number.isFinite(claims.expiresAt)) throw boardingPassErrors.linkNotFound();
  if (claims.expiresAt * 1000 <= now.getTime()) throw boardingPassErrors.linkExpired();
  return claims;
}

export type BoardingPassLink = { url: string; filename: string; expiresAt: string };

/**
 * An expiring public URL of a pass (PDF), and the file name WhatsApp shows (without one the
 * customer sees "Untitled"). For a template's DOCUMENT header or a document message.
 */
export async function createBoardingPassLink(
  db: Db,
  { workspaceId, bookingId, leg, passenger, ttlSeconds = DEFAULT_LINK_TTL_SECONDS, locale, now = new Date() }: {
    workspaceId: string;
    bookingId: string;
    leg: number;
    passenger: number;
    ttlSeconds?: number;
    locale?: AppLocale;
    now?: Date;
  },
): Promise<BoardingPassLink> {
  const booking = await getBooking(db, { workspaceId, bookingId });
  if (booking.status === "cancelled") throw boardingPassErrors.bookingCancelled();
  passSubject(booking, leg, passenger); // a link to a pass that cannot be drawn helps nobody: 400 now
  const lang = locale ?? (await contactLocale(db, workspaceId, booking.contactId));
  const ttl = Math.min(Math.max(Math.floor(ttlSeconds), 60), MAX_TTL_SECONDS);
  const expiresAt = Math.floor(now.getTime() / 1000) + ttl;
  const token = signBoardingPassToken({ workspaceId, bookingId, leg, passenger, locale: lang, expiresAt });
  const { filename } = buildPassView({ booking, leg, passenger, locale: lang, issuedAt: now });
  return { url: `${getAppUrl()}/api/boarding-passes/${token}`, filename: `${filename}.pdf`, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/** The Cloud API parameter for a template's DOCUMENT header carrying this pass. */
export function documentHeaderParameter(link: Pick<BoardingPassLink, "url" | "filename">) {
  return { type: "header" as const, parameters: [{ type: "document" as const, document: { link: link.url, filename: link.filename } }] };
}

/** What the public route serves: the PDF a genuine, unexpired token names, drawn now. */
export async function renderLinkedBoardingPass(db: Db, token: string, now = new Date()): Promise<RenderedPass> {
  const claims = verifyBoardingPassToken(token, now);
  try {
    return await renderBoardingPass(db, { ...claims, format: "pdf", disposition: "inline", now });
  } catch (err) {
    // The booking was deleted or changed since: the link is simply no longer valid.
    if (err && typeof err === "object" && "status" in err && (err.status === 404 || err.status === 400)) throw boardingPassErrors.linkNotFound();
    throw err;
  }
}
