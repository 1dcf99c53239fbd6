import { and, asc, inArray, ne, sql } from "drizzle-orm";
import { conversations } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { ChannelRef } from "@/lib/content/inbound-message";

// The rows a customer's message touches besides the message itself — contact, live conversation
// (the summary update is in ./summary.ts) — written set-based, so a batch of messages and a single message follow the
// same rules. Rows are taken in a fixed order (contacts by number, conversations by id), which
// keeps parallel processors from deadlocking on each other.

export { personKey, upsertContacts, type Person } from "./contact-identity";

export type ConvRef = { id: string; status: string; created: boolean };
export type WantedConv = { contactId: string; channel: ChannelRef; firstAt: Date };
export const convKey = (contactId: string, channelId: string) => `${contactId} ${channelId}`;

/**
 * The live (not resolved) conversation of each (customer, number), locked; a new open one where
 * there is none. Reopen policy: a resolved conversation is never reused — the customer's next
 * message starts a new thread and the old one keeps its history and metrics. The partial unique
 * index enforces it: two processors opening the same conversation meet on one row.
 */
export async function lockOrOpenConversations(tx: Db, wanted: Map<string, WantedConv>): Promise<Map<string, ConvRef>> {
  const convs = new Map<string, ConvRef>();
  const lockLive = async (contactIds: string[]) => {
    const rows = await tx
      .select({ id: conversations.id, contactId: conversations.contactId, channelId: conversations.channelId, status: conversations.status })
      .from(conversations)
      .where(and(inArray(conversations.contactId, contactIds), ne(conversations.status, "resolved")))
      .orderBy(asc(conversations.id))
      .for("update");
    for (const r of rows) if (wanted.has(convKey(r.contactId, r.channelId))) convs.set(convKey(r.contactId, r.channelId), { id: r.id, status: r.status, created: false });
  };
  if (wanted.size === 0) return convs;
  await lockLive(uniq([...wanted.values()].map((w) => w.contactId)));
  const missing = [...wanted.entries()].filter(([k]) => !convs.has(k)).sort(([a], [b]) => cmp(a, b));
  if (missing.length === 0) return convs;
  const opened = await tx
    .insert(conversations)
    .values(missing.map(([, w]) => ({ workspaceId: w.channel.workspaceId, contactId: w.contactId, channelId: w.channel.id, status: "open" as const, teamId: null, lastMessageAt: w.firstAt })))
    .onConflictDoNothing({ target: [conversations.contactId, conversations.channelId], where: sql`status <> 'resolved'` })
    .returning({ id: conversations.id, contactId: conversations.contactId, channelId: conversations.channelId, status: conversations.status });
  for (const r of opened) convs.set(convKey(r.contactId, r.channelId), { id: r.id, status: r.status, created: true });
  // Opened by a parallel processor meanwhile: take theirs (their commit is visible now).
  const raced = missing.filter(([k]) => !convs.has(k));
  if (raced.length > 0) await lockLive(uniq(raced.map(([, w]) => w.contactId)));
  if (missing.some(([k]) => !convs.has(k))) throw new Error("Could not find or open a conversation (too much contention).");
  return convs;
}

export const uniq = <T>(xs: T[]) => [...new Set(xs)];
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
