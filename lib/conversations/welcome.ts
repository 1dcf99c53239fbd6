import { and, eq, inArray } from "drizzle-orm";
import { channels, conversations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { recordOutboundMessage } from "./record-outbound";

/** How the welcome reply signs its audit entry and its message's author line. */
export const WELCOME_SENDER_NAME = "Welcome message";

/**
 * A customer opened the chat for the first time (`request_welcome`) on a number with a welcome
 * message: the reply is stored `queued` in the same transaction as the event, so a redelivered
 * webhook (a known wamid, never stored twice) never sends it twice and a crash never loses it.
 * Returns the queued message ids for the caller to hand to the outbox after the commit.
 */
export async function queueWelcomeReplies(tx: Db, opened: { conversationId: string; channelId: string; workspaceId: string }[]): Promise<string[]> {
  if (opened.length === 0) return [];
  const greetings = await tx
    .select({ id: channels.id, text: channels.welcomeMessage })
    .from(channels)
    .where(inArray(channels.id, [...new Set(opened.map((o) => o.channelId))]));
  const textOf = new Map(greetings.filter((g) => g.text?.trim()).map((g) => [g.id, g.text!]));
  const queued: string[] = [];
  for (const o of opened) {
    const text = textOf.get(o.channelId);
    if (!text) continue;
    const [conv] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, o.workspaceId), eq(conversations.id, o.conversationId)))
      .limit(1);
    if (!conv || conv.status === "resolved") continue;
    queued.push(
      await recordOutboundMessage(tx, { actor: { automation: true, workspaceId: o.workspaceId, name: WELCOME_SENDER_NAME }, conv, content: { kind: "text", text, payload: null } }),
    );
  }
  return queued;
}
