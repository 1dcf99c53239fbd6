import { and, eq, sql } from "drizzle-orm";
import { messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { InboundMessage } from "@/lib/content/inbound-message";
import { publishEvents } from "@/lib/realtime/events";
import { upsertContacts, personKey } from "./contact-identity";
import { convKey, lockOrOpenConversations } from "./customer-rows";

/**
 * What the business sent from the WhatsApp Business app on a number it shares with the API
 * (`smb_message_echoes`): an outbound message in the thread, marked as an echo, already sent. It
 * answers the customer like a reply does (no longer waiting, unread cleared, first response) but
 * never opens or extends the 24-hour window. The same echo twice is one message.
 */
export async function recordEchoes(tx: Db, echoes: InboundMessage[]): Promise<void> {
  for (const echo of echoes) {
    const { channel, at } = echo;
    const [known] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, echo.providerMessageId)))
      .limit(1);
    if (known) continue;
    const person = { workspaceId: channel.workspaceId, ...echo.customer, at: echo.at };
    const contactId = (await upsertContacts(tx, [person])).get(personKey(person))!;
    const conv = (await lockOrOpenConversations(tx, new Map([[convKey(contactId, channel.id), { contactId, channel, firstAt: at }]]))).get(convKey(contactId, channel.id))!;
    const [row] = await tx
      .insert(messages)
      .values({
        workspaceId: channel.workspaceId,
        conversationId: conv.id,
        channelId: channel.id,
        direction: "outbound",
        authorType: "agent",
        kind: echo.content.kind,
        text: echo.content.text,
        payload: echo.content.payload,
        providerMessageId: echo.providerMessageId,
        status: "sent",
        sentAt: at,
        echo: true,
        createdAt: at,
      })
      .onConflictDoNothing({ target: [messages.channelId, messages.providerMessageId] })
      .returning({ id: messages.id });
    if (!row) continue;
    const iso = at.toISOString();
    await tx.execute(sql`
      update conversations
         set last_message_preview = case when ${iso}::timestamptz >= last_message_at then ${echo.preview}::text else last_message_preview end,
             last_message_direction = case when ${iso}::timestamptz >= last_message_at then 'outbound'::message_direction else last_message_direction end,
             last_message_at = greatest(last_message_at, ${iso}::timestamptz),
             waiting_since = case when ${iso}::timestamptz >= coalesce(waiting_since, ${iso}::timestamptz) then null else waiting_since end,
             unread_count = case when ${iso}::timestamptz >= last_message_at then 0 else unread_count end,
             first_response_at = coalesce(first_response_at, case when last_inbound_at is not null and last_inbound_at <= ${iso}::timestamptz then ${iso}::timestamptz end),
             updated_at = now()
       where id = ${conv.id}::uuid`);
    await publishEvents(tx, [
      { type: "message.created", workspaceId: channel.workspaceId, conversationId: conv.id, messageId: row.id },
      { type: "conversation.updated", workspaceId: channel.workspaceId, conversationId: conv.id, fields: ["lastMessage", "unreadCount"] },
    ]);
  }
}
