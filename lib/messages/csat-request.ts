import { and, asc, eq, isNull } from "drizzle-orm";
import type { Actor, Automation } from "@/lib/auth/actor";
import { CSAT_TEMPLATE_NAME, csatPayload, csatRatingsFor } from "@/lib/content/csat";
import { channels, contacts, conversations, templates, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { bulkUpdateConversations, changeConversation } from "@/lib/assignment/update";
import type { BulkUpdateInput } from "@/lib/assignment/schemas";
import type { UpdateConversationInput } from "@/lib/conversations/schemas";
import { recordOutboundMessage } from "@/lib/conversations/record-outbound";
import { insertSystemEvent } from "@/lib/conversations/system-events";
import { buildTemplateSend, componentOf, renderTemplate, type TemplateView } from "@/lib/templates/model";
import { toTemplateView } from "@/lib/templates/repository";
import { plainWhatsAppText } from "@/lib/templates/whatsapp-format";
import { scheduleDelivery } from "./delivery";

// Issue 13: on resolve, a workspace with CSAT on asks the customer to rate the conversation with
// the `rating_request` template (so it arrives outside the 24-hour window too). The message is
// stored `queued` in the resolve's own transaction, through the same recorder as every send, and
// the outbox takes it after the commit: a crash never loses it, a retried PATCH never repeats it.

/** How the rating request signs its audit entry and its author line. */
export const CSAT_SENDER_NAME = "Rating request";

type ConversationRow = typeof conversations.$inferSelect;

const FALLBACK_NAME = { it: "cliente", en: "there" } as const;

/** The customer's language for the request: Italian for an Italian locale (`it`, `it_IT`), else English. */
export function csatLanguageOf(locale: string | null | undefined): "it" | "en" {
  return locale && /^it(?:[_-]|$)/i.test(locale) ? "it" : "en";
}

/** The approved rating request on the conversation's number's account, in the customer's language if there is one. */
async function pickTemplate(tx: Db, conv: ConversationRow, lang: "it" | "en"): Promise<TemplateView | null> {
  const [channel] = await tx.select({ wabaId: channels.wabaId }).from(channels).where(eq(channels.id, conv.channelId)).limit(1);
  const rows = await tx
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.workspaceId, conv.workspaceId),
        eq(templates.name, CSAT_TEMPLATE_NAME),
        eq(templates.status, "APPROVED"),
        ...(channel?.wabaId ? [eq(templates.wabaId, channel.wabaId)] : []),
      ),
    )
    .orderBy(asc(templates.language));
  const row = rows.find((r) => r.language.toLowerCase().startsWith(lang)) ?? rows.find((r) => r.language.toLowerCase().startsWith("en")) ?? rows[0];
  return row ? toTemplateView(row) : null;
}

/**
 * Queues the rating request for a conversation being resolved (it is locked by the caller), or
 * does nothing: CSAT off, no customer message yet, already asked (a resolve → reopen → resolve asks
 * once), or no approved `rating_request` template. Sets csat_requested_at and writes the "Rating
 * request sent" event after the message. Returns the queued message id.
 */
export async function queueRatingRequest(tx: Db, conv: ConversationRow, at: Date): Promise<string | null> {
  if (conv.csatRequestedAt || !conv.lastInboundAt) return null;
  const [ws] = await tx.select({ csatEnabled: workspaces.csatEnabled }).from(workspaces).where(eq(workspaces.id, conv.workspaceId)).limit(1);
  if (!ws?.csatEnabled) return null;
  const [contact] = await tx
    .select({ locale: contacts.locale, profileName: contacts.profileName, username: contacts.username })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, conv.workspaceId), eq(contacts.id, conv.contactId)))
    .limit(1);
  if (!contact) return null;
  const lang = csatLanguageOf(contact.locale);
  const template = await pickTemplate(tx, conv, lang);
  if (!template) {
    console.warn(`[csat] workspace ${conv.workspaceId} has CSAT on but no approved ${CSAT_TEMPLATE_NAME} template: nothing sent`);
    return null;
  }

  const firstName = (contact.profileName ?? "").trim().split(/\s+/)[0] || contact.username || FALLBACK_NAME[csatLanguageOf(template.language)];
  const values = { "body:first_name": { type: "text" as const, text: firstName } };
  const quickReplies = (componentOf(template.components, "BUTTONS")?.buttons ?? []).flatMap((b, index) => (b.type === "QUICK_REPLY" ? [index] : []));
  const ratings = csatRatingsFor(quickReplies.length);
  const quickReplyPayloads = Object.fromEntries(quickReplies.map((index, i) => [index, csatPayload(conv.id, ratings[i]!)]));
  const rendered = renderTemplate(template, values);

  const sender: Automation = { automation: true, workspaceId: conv.workspaceId, name: CSAT_SENDER_NAME };
  const messageId = await recordOutboundMessage(tx, {
    actor: sender,
    conv,
    // One per conversation, also for the database (messages_conversation_client_uq).
    clientMessageId: `csat:${conv.id}`,
    at: new Date(at.getTime() + 1),
    content: {
      kind: "template",
      text: plainWhatsAppText(rendered.body),
      payload: { template: buildTemplateSend(template, values, { quickReplyPayloads }), rendered, templateId: template.id },
    },
  });
  await tx
    .update(conversations)
    .set({ csatRequestedAt: at })
    .where(and(eq(conversations.id, conv.id), isNull(conversations.csatRequestedAt)));
  await insertSystemEvent(tx, conv, { action: "csat_requested", by: null, messageId }, new Date(at.getTime() + 2));
  return messageId;
}

/**
 * PATCH /api/conversations/:id: the conversation update, plus the rating request when it resolves
 * one (queued in the same transaction, handed to the outbox after the commit).
 */
export async function updateConversationAndAskRating(db: Db, actor: Actor, id: string, input: UpdateConversationInput) {
  const { queued, ...result } = await changeConversation(db, actor, id, input, { onResolved: queueRatingRequest });
  for (const messageId of queued) await scheduleDelivery(messageId);
  return result;
}

/** POST /api/conversations/bulk: the same, for each conversation a bulk change resolves. */
export async function bulkUpdateAndAskRating(db: Db, actor: Actor, input: BulkUpdateInput) {
  const { queued, ...result } = await bulkUpdateConversations(db, actor, input, { onResolved: queueRatingRequest });
  for (const messageId of queued) await scheduleDelivery(messageId);
  return result;
}
