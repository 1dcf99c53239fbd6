import { aliasedTable, and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { channels, contacts, conversations, teams, users } from "@/lib/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { conversationErrors } from "./errors";
import { windowState } from "@/lib/whatsapp/window";
import { CONVERSATION_STATUSES, type ConversationStatus, type ListConversationsInput, type Priority } from "./schemas";
import { literalLimit, literalOf, pageSizeFor, placeholders, preparedRead } from "@/lib/db/prepared";

const ACTIVE = ["open", "pending"] as const;

/** What the inbox calls a customer: their WhatsApp profile name, else their username, else their number, else their user id. */
export function contactName(profileName: string | null, username: string | null, phone: string | null, bsuid: string | null): string {
  return profileName ?? username ?? phone ?? bsuid ?? "";
}

/** How a list is filtered by assignee: the signed-in person, nobody, or a named teammate. */
type AssigneeKind = "me" | "none" | "id";
const assigneeKind = (a: string | undefined): AssigneeKind | undefined => (a === "me" || a === "none" ? a : a ? "id" : undefined);

/** What the SQL text of a list depends on; everything else is a placeholder (lib/db/prepared.ts). */
function listShape(input: ListConversationsInput) {
  const viewAssignee: AssigneeKind | undefined = input.view === "mine" ? "me" : input.view === "unassigned" ? "none" : undefined;
  // A filter on an assignee inside "mine" or "unassigned" narrows further (usually to nothing).
  const [assignee, alsoAssignee] = viewAssignee ? [viewAssignee, assigneeKind(input.assignee)] : [assigneeKind(input.assignee), undefined];
  return { status: input.status, assignee, alsoAssignee, team: !!input.team, label: !!input.label, cursor: !!input.cursor, pageSize: pageSizeFor(input.limit) };
}
type ListShape = ReturnType<typeof listShape>;

const ph = placeholders("workspaceId", "userId", "assigneeId", "teamId", "labelId", "cursorTs", "cursorId", "ids", "contactIds");

function assigneeFilter(kind: AssigneeKind): SQL {
  if (kind === "none") return isNull(conversations.assigneeId);
  return sql`${conversations.assigneeId} = ${kind === "me" ? ph.userId : ph.assigneeId}::uuid`;
}

/** A view's conditions; the statuses are literals so that a generic plan can use the partial index of live conversations. */
function conversationFilters(shape: ListShape): SQL {
  const statuses = shape.status ? [shape.status] : ACTIVE;
  const where: SQL[] = [
    sql`${conversations.workspaceId} = ${ph.workspaceId}::uuid`,
    sql`${conversations.status} in (${sql.raw(statuses.map((s) => literalOf<ConversationStatus>(s, CONVERSATION_STATUSES)).join(", "))})`,
  ];
  if (shape.assignee) where.push(assigneeFilter(shape.assignee));
  if (shape.alsoAssignee) where.push(assigneeFilter(shape.alsoAssignee));
  if (shape.team) where.push(sql`${conversations.teamId} = ${ph.teamId}::uuid`);
  if (shape.label) where.push(sql`exists (select 1 from conversation_labels cl where cl.conversation_id = ${conversations.id} and cl.label_id = ${ph.labelId}::uuid)`);
  if (shape.cursor) where.push(sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${ph.cursorTs}::timestamptz, ${ph.cursorId}::uuid)`);
  return and(...where)!;
}

export type LabelRef = { id: string; name: string; color: string };

/** A conversation's labels as one json array (alphabetical), read with the row it belongs to. */
const labelsJson = sql<LabelRef[]>`coalesce((select json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) order by lower(l.name)) from conversation_labels cl join labels l on l.id = cl.label_id where cl.conversation_id = ${conversations.id}), '[]'::json)`;

const assignee = aliasedTable(users, "assignee");

const listColumns = {
  id: conversations.id,
  status: conversations.status,
  priority: conversations.priority,
  lastMessageAt: conversations.lastMessageAt,
  lastMessagePreview: conversations.lastMessagePreview,
  lastMessageDirection: conversations.lastMessageDirection,
  lastInboundAt: conversations.lastInboundAt,
  waitingSince: conversations.waitingSince,
  unreadCount: conversations.unreadCount,
  snoozedUntil: conversations.snoozedUntil,
  contactId: contacts.id,
  contactName: contacts.profileName,
  contactPhone: contacts.phone,
  contactUsername: contacts.username,
  contactBsuid: contacts.bsuid,
  assigneeId: conversations.assigneeId,
  assigneeName: assignee.name,
  teamId: conversations.teamId,
  teamName: teams.name,
  labels: labelsJson,
  cursorTs: sql<string>`${conversations.lastMessageAt}::text`,
};

type ListRow = { [K in keyof typeof listColumns]: unknown } & Record<string, unknown>;

function toListItem(r: ListRow) {
  const row = r as unknown as {
    id: string; status: string; priority: string; lastMessageAt: Date; lastMessagePreview: string | null;
    lastMessageDirection: string | null; lastInboundAt: Date | null; waitingSince: Date | null; unreadCount: number;
    snoozedUntil: Date | null; contactId: string; contactName: string | null; contactPhone: string | null; contactUsername: string | null; contactBsuid: string | null;
    assigneeId: string | null; assigneeName: string | null; teamId: string | null; teamName: string | null; labels: LabelRef[];
  };
  return {
    id: row.id,
    status: row.status,
    priority: row.priority,
    lastMessageAt: row.lastMessageAt.toISOString(),
    lastMessagePreview: row.lastMessagePreview,
    lastMessageDirection: row.lastMessageDirection,
    lastInboundAt: row.lastInboundAt?.toISOString() ?? null,
    waitingSince: row.waitingSince?.toISOString() ?? null,
    unreadCount: row.unreadCount,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    contact: { id: row.contactId, name: contactName(row.contactName, row.contactUsername, row.contactPhone, row.contactBsuid), phone: row.contactPhone, username: row.contactUsername },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? "" } : null,
    team: row.teamId ? { id: row.teamId, name: row.teamName ?? "" } : null,
    labels: row.labels,
  };
}

/** A list row's columns and joins: the inbox list and the live feed read exactly the same shape. */
function listRows(db: Db) {
  return db
    .select(listColumns)
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .leftJoin(teams, eq(teams.id, conversations.teamId));
}

export type ConversationListItem = ReturnType<typeof toListItem>;
export type ConversationPage = { items: ConversationListItem[]; nextCursor: string | null };

/** A view's page, built once per shape and run as a named statement (lib/db/prepared.ts). */
function preparedPage(db: Db, shape: ListShape) {
  return preparedRead(db, `conversations.page:${JSON.stringify(shape)}`, () => {
    // The page's ids first, from conversations alone (an index walk in keyset order that stops after
    // limit + 1 rows), then the joins for those rows only: joined first, the planner may join and sort
    // every live conversation when it misjudges how many match (e.g. the unassigned ones).
    const pageIds = db
      .select({ id: conversations.id })
      .from(conversations)
      .where(conversationFilters(shape))
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
      .limit(literalLimit(shape.pageSize + 1))
      .as("page");
    return listRows(db)
      .innerJoin(pageIds, eq(pageIds.id, conversations.id))
      .orderBy(desc(conversations.lastMessageAt), desc(conversations.id));
  });
}

/** One keyset page of a view, newest activity first. Never OFFSET: page 500 costs what page 1 does. */
export async function findConversations(db: Db, workspaceId: string, userId: string, input: ListConversationsInput): Promise<ConversationPage> {
  const c = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await preparedPage(db, listShape(input)).execute({
    workspaceId,
    userId,
    assigneeId: assigneeKind(input.assignee) === "id" ? input.assignee : null,
    teamId: input.team ?? null,
    labelId: input.label ?? null,
    cursorTs: c?.ts ?? null,
    cursorId: c?.id ?? null,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toListItem(r as ListRow)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.cursorTs, last.id) : null,
  };
}

/** A conversation with everything the thread header and contact panel show. */
export async function getConversation(db: Db, workspaceId: string, id: string): Promise<ConversationDetail> {
  const [detail] = await findConversationDetails(db, { workspaceId, ids: [id] });
  if (!detail) throw conversationErrors.notFound();
  return detail;
}

/** The conversation the thread header and contact panel show (GET /api/conversations/:id). */
export type ConversationDetail = {
  id: string;
  status: ConversationStatus;
  priority: Priority;
  unreadCount: number;
  lastMessageAt: string;
  lastInboundAt: string | null;
  /** WhatsApp's 24-hour window: free text only while open; the UI counts down to expiresAt. */
  window: { open: boolean; expiresAt: string | null };
  waitingSince: string | null;
  firstResponseAt: string | null;
  snoozedUntil: string | null;
  resolvedAt: string | null;
  createdAt: string;
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  labels: LabelRef[];
  /** phone and waId are null when WhatsApp withholds the number (a customer with a username). */
  contact: {
    id: string;
    name: string;
    phone: string | null;
    waId: string | null;
    username: string | null;
    bsuid: string | null;
    locale: string | null;
    timezone: string | null;
    /** When WhatsApp last said the customer's security code changed (customer_identity_changed). */
    identityChangedAt: string | null;
  };
  /** `wabaId`: the WhatsApp Business account the number belongs to (its templates are the ones it can send). */
  channel: { id: string; displayPhoneNumber: string; verifiedName: string; verified: boolean; wabaId: string | null };
  pastConversations: { id: string; status: ConversationStatus; lastMessageAt: string; lastMessagePreview: string | null }[];
  /** Customer satisfaction: null until a rating request went out; `rating` 1–5 once answered. */
  csat: { requestedAt: string; rating: number | null; answeredAt: string | null } | null;
};


// ---- Batch readers for realtime: one query per batch of ids, the same shapes as the GET routes.

/** Conversations by id as list rows, each exactly as `findConversations` returns it; other workspaces' ids are skipped. */
export async function findConversationListItems(db: Db, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<ConversationListItem[]> {
  if (ids.length === 0) return [];
  const rows = await listRows(db).where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, [...new Set(ids)])));
  return rows.map((r) => toListItem(r as ListRow));
}

/** Conversations by id, each exactly as `getConversation` returns it, in two queries; missing ids are skipped. */
export async function findConversationDetails(db: Db, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<ConversationDetail[]> {
  if (ids.length === 0) return [];
  const rows = await preparedRead(db, "conversations.details", () =>
    db
      .select({
        conversation: conversations,
        contact: contacts,
        channel: { id: channels.id, displayPhoneNumber: channels.displayPhoneNumber, verifiedName: channels.verifiedName, verified: channels.verified, wabaId: channels.wabaId },
        assigneeName: assignee.name,
        teamName: teams.name,
        labels: labelsJson,
      })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .innerJoin(channels, eq(channels.id, conversations.channelId))
      .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
      .leftJoin(teams, eq(teams.id, conversations.teamId))
      .where(and(sql`${conversations.workspaceId} = ${ph.workspaceId}::uuid`, sql`${conversations.id} = any(${ph.ids}::uuid[])`)),
  ).execute({ workspaceId, ids: [...new Set(ids)] });
  if (rows.length === 0) return [];
  // Each contact's 11 newest conversations: the 10 "past" ones of any of them, itself excluded.
  const pastRows = await preparedRead(db, "conversations.details-past", () => {
    const ranked = db
      .select({
        id: conversations.id,
        status: conversations.status,
        lastMessageAt: conversations.lastMessageAt,
        lastMessagePreview: conversations.lastMessagePreview,
        contactId: conversations.contactId,
        rank: sql<number>`row_number() over (partition by ${conversations.contactId} order by ${conversations.lastMessageAt} desc)`.as("rank"),
      })
      .from(conversations)
      .where(and(sql`${conversations.workspaceId} = ${ph.workspaceId}::uuid`, sql`${conversations.contactId} = any(${ph.contactIds}::uuid[])`))
      .as("ranked");
    return db.select().from(ranked).where(sql`${ranked.rank} <= 11`).orderBy(desc(ranked.lastMessageAt));
  }).execute({ workspaceId, contactIds: [...new Set(rows.map((r) => r.contact.id))] });
  return rows.map((row) => {
    const c = row.conversation;
    const win = windowState(c.lastInboundAt);
    const past = pastRows.filter((p) => p.contactId === row.contact.id && p.id !== c.id).slice(0, 10);
    const detail: ConversationDetail = {
      id: c.id,
      status: c.status,
      priority: c.priority,
      unreadCount: c.unreadCount,
      lastMessageAt: c.lastMessageAt.toISOString(),
      lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
      window: { open: win.open, expiresAt: win.expiresAt?.toISOString() ?? null },
      waitingSince: c.waitingSince?.toISOString() ?? null,
      firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
      snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
      assignee: c.assigneeId ? { id: c.assigneeId, name: row.assigneeName ?? "" } : null,
      team: c.teamId ? { id: c.teamId, name: row.teamName ?? "" } : null,
      labels: row.labels,
      contact: {
        id: row.contact.id,
        name: contactName(row.contact.profileName, row.contact.username, row.contact.phone, row.contact.bsuid),
        phone: row.contact.phone,
        waId: row.contact.waId,
        username: row.contact.username,
        bsuid: row.contact.bsuid,
        locale: row.contact.locale,
        timezone: row.contact.timezone,
        identityChangedAt: row.contact.identityChangedAt?.toISOString() ?? null,
      },
      channel: row.channel,
      pastConversations: past.map((p) => ({ id: p.id, status: p.status, lastMessageAt: p.lastMessageAt.toISOString(), lastMessagePreview: p.lastMessagePreview })),
      csat: c.csatRequestedAt ? { requestedAt: c.csatRequestedAt.toISOString(), rating: c.csatRating, answeredAt: c.csatAnsweredAt?.toISOString() ?? null } : null,
    };
    return detail;
  });
}
