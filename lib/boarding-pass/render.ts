import "server-only";
import { and, eq } from "drizzle-orm";
import { isAppLocale, type AppLocale } from "@/i18n/locales";
import { getBooking } from "@/lib/bookings/queries";
import type { Booking } from "@/lib/bookings/schemas";
import { contacts } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { boardingPassErrors } from "./errors";
import { buildPassView } from "./pass-view";
import { renderPassPdf } from "./pdf";
import { renderPassPng } from "./png";
import type { PassFormat, Symbology } from "./schemas";

export type RenderedPass = { bytes: Uint8Array; filename: string; contentType: string; headers: Record<string, string> };

const CONTENT_TYPE: Record<PassFormat, string> = { pdf: "application/pdf", png: "image/png" };

/** The customer's language for their pass: their WhatsApp locale ("it", "it_IT"), else English. */
export function passLocale(contactLocale: string | null | undefined): AppLocale {
  const lang = (contactLocale ?? "").toLowerCase().split(/[-_]/)[0];
  return isAppLocale(lang) ? lang : "en";
}

/** One passenger's pass for one leg of a booking already read, as a file. */
export async function renderPassFile(
  booking: Pick<Booking, "pnr" | "passengers" | "legs" | "status">,
  { leg, passenger, format = "pdf", barcode = "aztec", locale = "en", disposition = "attachment", now = new Date() }: {
    leg: number;
    passenger: number;
    format?: PassFormat;
    barcode?: Symbology;
    locale?: AppLocale;
    disposition?: "inline" | "attachment";
    now?: Date;
  },
): Promise<RenderedPass> {
  if (booking.status === "cancelled") throw boardingPassErrors.bookingCancelled();
  const view = buildPassView({ booking, leg, passenger, locale, issuedAt: now });
  const bytes = format === "pdf" ? await renderPassPdf(view, barcode, now) : new Uint8Array(renderPassPng(view, barcode));
  const filename = `${view.filename}.${format}`;
  return {
    bytes,
    filename,
    contentType: CONTENT_TYPE[format],
    headers: {
      "Content-Type": CONTENT_TYPE[format],
      "Content-Length": String(bytes.byteLength),
      // The file name is A–Z, 0–9 and dashes by construction: no quoting games.
      "Content-Disposition": `${disposition}; filename="${filename}"`,
      // A pass carries a name and a booking reference: never kept by a browser or a proxy.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
    },
  };
}

/**
 * A pass of a booking of the actor's workspace (404 for another workspace's), in the language
 * asked for, else the customer's.
 */
export async function renderBoardingPass(
  db: Db,
  { workspaceId, bookingId, locale, ...opts }: {
    workspaceId: string;
    bookingId: string;
    leg: number;
    passenger: number;
    format?: PassFormat;
    barcode?: Symbology;
    locale?: AppLocale;
    disposition?: "inline" | "attachment";
    now?: Date;
  },
): Promise<RenderedPass> {
  const booking = await getBooking(db, { workspaceId, bookingId });
  return renderPassFile(booking, { ...opts, locale: locale ?? (await contactLocale(db, workspaceId, booking.contactId)) });
}

export async function contactLocale(db: Db, workspaceId: string, contactId: string): Promise<AppLocale> {
  const [row] = await db
    .select({ locale: contacts.locale })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, contactId)))
    .limit(1);
  return passLocale(row?.locale);
}
