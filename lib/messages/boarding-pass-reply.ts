import type { Actor } from "@/lib/auth/actor";
import { boardingPassErrors, buildPassView, createBoardingPassLink, fill, type SendPassInput } from "@/lib/boarding-pass";
import { contactLocale } from "@/lib/boarding-pass/render";
import { getBooking } from "@/lib/bookings/queries";
import type { Db } from "@/lib/db/types";
import { windowState } from "@/lib/whatsapp/window";
import { messageErrors } from "./errors";
import { sendMessage, type SendResult } from "./reply";

/**
 * Sends one passenger's boarding pass for one leg as a PDF document message, inside the 24-hour
 * window (outside it only the boarding-pass template may carry it). WhatsApp fetches the PDF from
 * an expiring signed link and shows it under its file name, with a caption in the customer's
 * language. The booking must be this conversation's customer's: a pass names a traveller.
 */
export async function sendBoardingPass(
  db: Db,
  { actor, conversationId, bookingId, leg, passenger, locale, clientMessageId }: SendPassInput & { actor: Actor; conversationId: string },
): Promise<SendResult> {
  return sendMessage(db, {
    actor,
    conversationId,
    clientMessageId,
    prepare: async (tx, conv) => {
      // A document is free-form content: outside the window WhatsApp would only answer 131047.
      if (!windowState(conv.lastInboundAt).open) throw messageErrors.windowClosed();
      const booking = await getBooking(tx, { workspaceId: actor.workspaceId, bookingId });
      if (booking.contactId !== conv.contactId) throw boardingPassErrors.bookingNotOfContact();
      const lang = locale ?? (await contactLocale(tx, actor.workspaceId, booking.contactId));
      const link = await createBoardingPassLink(tx, { workspaceId: actor.workspaceId, bookingId, leg, passenger, locale: lang });
      const view = buildPassView({ booking, leg, passenger, locale: lang });
      const caption = fill(view.labels.caption, { flight: view.flight, from: view.from.code, to: view.to.code, date: view.date });
      return {
        kind: "document",
        text: caption,
        payload: {
          document: { link: link.url, filename: link.filename, caption },
          filename: link.filename,
          mime_type: "application/pdf",
          caption,
          // The agent opens the same pass from the thread through the signed-in download route
          // (the public link expires; this one is checked against the agent's session).
          mediaUrl: `/api/bookings/${bookingId}/boarding-pass?leg=${leg}&passenger=${passenger}&format=pdf&locale=${lang}`,
        },
      };
    },
  });
}
