import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { createBoardingPassLink } from "@/lib/boarding-pass/link";
import { getBooking } from "@/lib/bookings/queries";
import type { Booking } from "@/lib/bookings/schemas";
import type { RenderedTemplateContent } from "@/lib/content/message-content";
import { channels, teamMemberships } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { buildTemplateSend, missingParams, renderTemplate, templateParams, type ParamValue, type TemplateView, type TemplateValues } from "@/lib/templates/model";
import { getTemplate } from "@/lib/templates/repository";
import { plainWhatsAppText } from "@/lib/templates/whatsapp-format";
import { messageErrors } from "./errors";
import { sendMessage, type SendResult } from "./reply";
import type { TemplateReplyInput, TemplateValueInput } from "./schemas";

/** Meta refuses a text parameter with a line break, a tab or more than four spaces in a row (132018). */
const BAD_PARAM_TEXT = /[\n\t]| {5,}/;

/** A template an agent may use: open to everyone (no teams) or to one of the agent's teams. */
async function usableByActor(db: Db, actor: Actor, template: TemplateView): Promise<boolean> {
  if (template.teamIds.length === 0) return true;
  const [row] = await db
    .select({ teamId: teamMemberships.teamId })
    .from(teamMemberships)
    .where(and(eq(teamMemberships.workspaceId, actor.workspaceId), eq(teamMemberships.userId, actor.userId), inArray(teamMemberships.teamId, template.teamIds)))
    .limit(1);
  return !!row;
}

/**
 * The values as the Cloud API takes them: each checked against the parameter it fills (a file for
 * a media header, words for the rest). A boarding pass is made here from the booking: an expiring,
 * unguessable link Meta fetches the PDF from, with the file name WhatsApp shows.
 */
async function resolveValues(tx: Db, actor: Actor, template: TemplateView, input: Record<string, TemplateValueInput>, booking: Booking | null): Promise<TemplateValues> {
  const fields: Record<string, string[]> = {};
  const values: TemplateValues = {};
  for (const p of templateParams(template)) {
    const v = input[p.id];
    if (!v) continue;
    if (v.type === "boarding_pass") {
      if (p.media !== "document") fields[p.id] = ["A boarding pass goes in a document header only."];
      else if (!booking) fields[p.id] = ["Pick the booking the boarding pass is for."];
      else {
        const link = await createBoardingPassLink(tx, { workspaceId: actor.workspaceId, bookingId: booking.id, leg: v.leg, passenger: v.passenger });
        values[p.id] = { type: "media", link: link.url, filename: link.filename };
      }
      continue;
    }
    if (p.media ? v.type !== "media" : v.type === "media") {
      fields[p.id] = [p.media ? "Attach a file." : "Write a value."];
      continue;
    }
    const text = v.type === "text" ? v.text : v.type === "media" ? null : v.fallback;
    if (text !== null && BAD_PARAM_TEXT.test(text)) {
      fields[p.id] = ["No line breaks, tabs or long runs of spaces (WhatsApp refuses them)."];
      continue;
    }
    values[p.id] = (v.type === "text" ? { type: "text", text: v.text.trim() } : v) as ParamValue;
  }
  if (Object.keys(fields).length) throw messageErrors.templateValues(fields);
  return values;
}

/**
 * Sends an approved template: the only message WhatsApp delivers outside the 24-hour window, and
 * welcome inside it. The template must be approved, on this number's WhatsApp account and open to
 * the agent's team; every parameter must have a value (a refusal names each missing one). What is
 * stored is the Cloud API object and the message as the customer will read it, for the thread.
 */
export async function createTemplateReply(db: Db, actor: Actor, conversationId: string, input: TemplateReplyInput): Promise<SendResult> {
  const template = await getTemplate(db, { workspaceId: actor.workspaceId, templateId: input.templateId });
  return sendMessage(db, {
    actor,
    conversationId,
    clientMessageId: input.clientMessageId,
    seenUpTo: input.seenUpTo,
    force: input.force,
    prepare: async (tx, conv) => {
      if (template.status !== "APPROVED") throw messageErrors.templateNotApproved(template.status);
      if (!(await usableByActor(tx, actor, template))) throw messageErrors.templateNotForTeam();
      const [channel] = await tx.select({ wabaId: channels.wabaId }).from(channels).where(and(eq(channels.workspaceId, actor.workspaceId), eq(channels.id, conv.channelId))).limit(1);
      if (channel?.wabaId && channel.wabaId !== template.wabaId) throw messageErrors.templateOtherAccount();

      let booking: Booking | null = null;
      if (input.bookingId) {
        booking = await getBooking(tx, { workspaceId: actor.workspaceId, bookingId: input.bookingId });
        if (booking.contactId !== conv.contactId) throw messageErrors.bookingOfAnotherCustomer();
      }
      const values = await resolveValues(tx, actor, template, input.values, booking);
      const missing = missingParams(template, values);
      if (missing.length) throw messageErrors.templateMissing(missing.map((p) => p.id));

      const rendered: RenderedTemplateContent = renderTemplate(template, values);
      return {
        kind: "template",
        // The inbox line, quotes and search read the body without WhatsApp's markers; the thread
        // renders `rendered` whole, formatting and all.
        text: plainWhatsAppText(rendered.body),
        payload: {
          template: buildTemplateSend(template, values),
          rendered,
          templateId: template.id,
          ...(booking ? { bookingId: booking.id } : {}),
        },
      };
    },
  });
}
