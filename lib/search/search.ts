import "server-only";
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { readTransaction } from "@/lib/db/read-transaction";
import { contacts, conversationLabels, conversations, messages, users } from "@/lib/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { contactName } from "@/lib/conversations/queries";
import { HL_START, HL_STOP, toPrefixQuery, toSegments, type Segment } from "./query-text";
import { searchSchema, type SearchInput } from "./schemas";
import { defineReadRoute } from "@/lib/http/read-route";
import { parseWith } from "@/lib/http/route";

export type SearchHit = {
  conversationId: string;
  /** The message to jump to in the thread. */
  messageId: string;
  at: string;
  direction: string;
  kind: string;
  authorName: string | null;
  snippet: Segment[];
  contact: { id: string; name: string };
  status: string;
  assignee: { id: string; name: string } | null;
};
export type ContactHit = {
  contact: { id: string; name: string; phone: string | null; username: string | null };
  /** The customer's latest conversation, where a click goes. */
  conversationId: string;
  status: string;
  lastMessageAt: string;
};
export type SearchResult = { contacts: ContactHit[]; hits: SearchHit[]; nextCursor: string | null };

// The exact expressions of the GIN indexes (lib/db/schema): a different spelling would not use them.
const messageVector = sql`to_tsvector('simple', coalesce(${messages.text}, ''))`;
const contactVector = sql`to_tsvector('simple', coalesce(${contacts.profileName}, '') || ' ' || coalesce(${contacts.username}, '') || ' ' || coalesce(${contacts.phone}, '') || ' ' || coalesce(${contacts.waId}, ''))`;

function conversationWhere(input: SearchInput, workspaceId: string, userId: string): SQL[] {
  const where: SQL[] = [eq(conversations.workspaceId, workspaceId)];
  if (input.status) where.push(eq(conversations.status, input.status));
  if (input.assignee === "me") where.push(eq(conversations.assigneeId, userId));
  else if (input.assignee === "none") where.push(isNull(conversations.assigneeId));
  else if (input.assignee) where.push(eq(conversations.assigneeId, input.assignee));
  if (input.team) where.push(eq(conversations.teamId, input.team));
  if (input.label) {
    where.push(sql`exists (select 1 from ${conversationLabels} cl where cl.conversation_id = ${conversations.id} and cl.label_id = ${input.label}::uuid)`);
  }
  return where;
}

/**
 * Full-text search over message text and customers (name, username, number), newest first, with
 * the inbox's filters. Message hits page by keyset; customers come with the first page only.
 * Revoked messages and system events are never found; internal notes are (agents wrote them).
 */
export async function searchConversations(db: Db, { workspaceId, userId, input }: { workspaceId: string; userId: string; input: SearchInput }): Promise<SearchResult> {
  const q = toPrefixQuery(input.q);
  if (!q) return { contacts: [], hits: [], nextCursor: null };
  // At 1M conversations the planner gave the customers' lookup a parallel worker: one more process
  // per search, and with eight searching at once on two cores p95 97 → 225 ms (bench:api --stretch).
  return readTransaction(db, (tx) => searchIn(tx, { workspaceId, userId, input, q }));
}

async function searchIn(db: Db, { workspaceId, userId, input, q }: { workspaceId: string; userId: string; input: SearchInput; q: string }): Promise<SearchResult> {
  const tsq = sql`to_tsquery('simple', ${q})`;
  const where = conversationWhere(input, workspaceId, userId);
  const msgWhere: SQL[] = [...where, eq(messages.workspaceId, workspaceId), sql`${messageVector} @@ ${tsq}`, isNull(messages.revokedAt), sql`${messages.kind} <> 'event'`];
  if (input.from) msgWhere.push(sql`${messages.createdAt} >= ${input.from}::date`);
  if (input.to) msgWhere.push(sql`${messages.createdAt} < (${input.to}::date + 1)`);
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    msgWhere.push(sql`(${messages.createdAt}, ${messages.id}) < (${c.ts}::timestamptz, ${c.id}::uuid)`);
  }
  const author = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${messages.authorUserId})`;
  const assigneeName = sql<string | null>`(select u.name from users u where u.id = ${conversations.assigneeId})`;
  const rows = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      createdAt: messages.createdAt,
      cursorTs: sql<string>`${messages.createdAt}::text`,
      direction: messages.direction,
      kind: messages.kind,
      authorName: author,
      headline: sql<string>`ts_headline('simple', coalesce(${messages.text}, ''), ${tsq}, ${`StartSel=${HL_START}, StopSel=${HL_STOP}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`})`,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      assigneeName,
      contactId: contacts.id,
      profileName: contacts.profileName,
      username: contacts.username,
      phone: contacts.phone,
      bsuid: contacts.bsuid,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(...msgWhere))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const hits: SearchHit[] = page.map((r) => ({
    conversationId: r.conversationId,
    messageId: r.id,
    at: r.createdAt.toISOString(),
    direction: r.direction,
    kind: r.kind,
    authorName: r.authorName,
    snippet: toSegments(r.headline),
    contact: { id: r.contactId, name: contactName(r.profileName, r.username, r.phone, r.bsuid) },
    status: r.status,
    assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName ?? "" } : null,
  }));
  return {
    contacts: input.cursor ? [] : await searchContacts(db, { where, tsq }),
    hits,
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.cursorTs, last.id) : null,
  };
}

async function searchContacts(db: Db, { where, tsq }: { where: SQL[]; tsq: SQL }): Promise<ContactHit[]> {
  // Each matching customer once, with their latest conversation that passes the filters.
  const rows = await db
    .selectDistinctOn([contacts.id], {
      contactId: contacts.id,
      profileName: contacts.profileName,
      username: contacts.username,
      phone: contacts.phone,
      bsuid: contacts.bsuid,
      conversationId: conversations.id,
      status: conversations.status,
      lastMessageAt: conversations.lastMessageAt,
    })
    .from(contacts)
    .innerJoin(conversations, eq(conversations.contactId, contacts.id))
    .where(and(...where, sql`${contactVector} @@ ${tsq}`))
    .orderBy(contacts.id, desc(conversations.lastMessageAt))
    .limit(50);
  return rows
    .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime())
    .slice(0, 5)
    .map((r) => ({
      contact: { id: r.contactId, name: contactName(r.profileName, r.username, r.phone, r.bsuid), phone: r.phone, username: r.username },
      conversationId: r.conversationId,
      status: r.status,
      lastMessageAt: r.lastMessageAt.toISOString(),
    }));
}

// Served by the route file and by server.mjs's lean path (lib/http/read-route.ts), like the inbox's reads.

/** GET /api/search: messages and customers matching `q`, with the inbox's filters. */
export const searchRead = defineReadRoute({
  action: "search:read",
  run: ({ actor, db, query }) => searchConversations(db, { workspaceId: actor.workspaceId, userId: actor.userId, input: parseWith(searchSchema, query) }),
});
