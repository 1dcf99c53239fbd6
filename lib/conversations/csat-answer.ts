import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { CSAT_ANSWER_WINDOW_MS, csatAnswerOf } from "@/lib/content/csat";
import type { InboundMessage } from "@/lib/content/inbound-message";
import { contacts, conversations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { contactName } from "./queries";
import { insertSystemEvent } from "./system-events";

// The customer's answer to a rating request (issue 13): a tap on one of the template's quick
// replies, which WhatsApp returns as a `button` message with our payload `csat:<conversation>:<n>`.
// It counts only for the conversation it names when that conversation is this customer's, on
// this number, asked and not yet answered, and asked at most 7 days before the tap. Anything else
// (a second tap, another customer's or workspace's conversation, a late tap, a rating outside
// 1–5) is an ordinary message, recorded the ordinary way.

type ConversationRow = typeof conversations.$inferSelect;

/** Whether a message may be a rating: only these take the one extra lookup (in recordInboundMessage). */
export function mayBeCsatAnswer(m: Pick<InboundMessage, "content">): boolean {
  return csatAnswerOf(m.content) !== null;
}

/** The conversation this tap rates, locked; null when the tap does not count (see above). */
export async function lockRatedConversation(
  tx: Db,
  m: Pick<InboundMessage, "content" | "channel" | "at">,
  contactId: string,
): Promise<{ conv: ConversationRow; rating: number } | null> {
  const answer = csatAnswerOf(m.content);
  if (!answer) return null;
  const [conv] = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.id, answer.conversationId),
        eq(conversations.workspaceId, m.channel.workspaceId),
        eq(conversations.channelId, m.channel.id),
        eq(conversations.contactId, contactId),
        isNotNull(conversations.csatRequestedAt),
        isNull(conversations.csatAnsweredAt),
        gt(conversations.csatRequestedAt, new Date(m.at.getTime() - CSAT_ANSWER_WINDOW_MS)),
      ),
    )
    .for("update")
    .limit(1);
  return conv ? { conv, rating: answer.rating } : null;
}

/**
 * Stores the rating on the conversation and says so in its thread ("Marta rated the conversation:
 * Good (5/5)"). The conversation stays as it is (a resolved one is not reopened, nothing unread):
 * only the customer's 24-hour window moves. The event is dated when we learn of the tap (WhatsApp's
 * timestamps have whole seconds: the tap itself may sort before the request it answers). Returns
 * the events to publish.
 */
export async function applyCsatAnswer(tx: Db, conv: ConversationRow, { rating, at }: { rating: number; at: Date }): Promise<RealtimeEvent[]> {
  const [who] = await tx
    .select({ profileName: contacts.profileName, username: contacts.username, phone: contacts.phone, bsuid: contacts.bsuid })
    .from(contacts)
    .where(eq(contacts.id, conv.contactId))
    .limit(1);
  const customerName = who ? contactName(who.profileName, who.username, who.phone, who.bsuid) : "";
  await tx
    .update(conversations)
    .set({ csatRating: rating, csatAnsweredAt: at, lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${at.toISOString()}::timestamptz)`, updatedAt: new Date() })
    .where(eq(conversations.id, conv.id));
  await insertSystemEvent(tx, conv, { action: "csat_rated", by: null, ...(customerName ? { byName: customerName } : {}), rating }, new Date(Math.max(at.getTime() + 1, Date.now())));
  return [{ type: "conversation.updated", workspaceId: conv.workspaceId, conversationId: conv.id, fields: ["csat"] }];
}
