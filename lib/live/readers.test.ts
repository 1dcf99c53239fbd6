// The batch readers realtime hydrates with must answer exactly what the GET routes answer, and the
// live audience rule must match what GET /api/conversations shows each role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { conversations } from "@/lib/db/schema";
import { can, ROLES } from "@/lib/auth/permissions";
import { CONVERSATION_STATUSES } from "@/lib/conversations/schemas";
import { findConversationDetails, findConversationListItems, findConversations, getConversation } from "@/lib/conversations/queries";
import { countViews, countViewsForUsers } from "@/lib/conversations/view-counts";
import { createReply } from "@/lib/messages/reply";
import { findMessageDtos, findMessages } from "@/lib/messages/queries";
import { audienceOf, visibleChanges } from "./audience";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function world() {
  const db = database.db;
  const ws = await makeWorkspace(db);
  const users = await Promise.all(ROLES.map((role) => makeUser(db, ws.workspace.id, role)));
  const team = await makeTeam(db, ws.workspace.id);
  const convs = [];
  for (let i = 0; i < 8; i++) {
    const { conversation, contact } = await makeConversation(db, ws, {
      status: CONVERSATION_STATUSES[i % 4],
      assigneeId: i % 3 === 0 ? null : users[i % users.length]!.id,
      teamId: i % 2 ? team.id : null,
      lastMessageAt: new Date(Date.now() - i * 60_000),
      snoozedUntil: i % 4 === 2 ? new Date(Date.now() + 3_600_000) : null,
    });
    convs.push({ conversation, contact });
  }
  // A returning customer: twelve resolved conversations before the open one.
  const regular = convs[0]!;
  for (let k = 1; k <= 12; k++) {
    await db.insert(conversations).values({
      workspaceId: ws.workspace.id, contactId: regular.contact.id, channelId: ws.channel.id, status: "resolved",
      lastMessageAt: new Date(Date.now() - k * 86_400_000), lastMessagePreview: `visit ${k}`,
    });
  }
  return { ws, users, team, convs };
}

describe("batch readers", () => {
  it("findConversationDetails and findConversationListItems answer as getConversation and findConversations", async () => {
    const { ws, users, convs } = await world();
    const ids = convs.map((c) => c.conversation.id);
    const details = await findConversationDetails(database.db, { workspaceId: ws.workspace.id, ids });
    expect(details).toHaveLength(ids.length);
    for (const d of details) expect(d).toEqual(await getConversation(database.db, ws.workspace.id, d.id));
    expect(details.find((d) => d.id === convs[0]!.conversation.id)!.pastConversations).toHaveLength(10);

    const rows = await findConversationListItems(database.db, { workspaceId: ws.workspace.id, ids });
    expect(rows).toHaveLength(ids.length);
    for (const status of CONVERSATION_STATUSES) {
      const page = await findConversations(database.db, ws.workspace.id, users[0]!.id, { view: "all", status, limit: 100 });
      for (const item of page.items.filter((i) => ids.includes(i.id))) expect(rows.find((r) => r.id === item.id)).toEqual(item);
    }
    expect(await findConversationListItems(database.db, { workspaceId: "00000000-0000-4000-8000-000000000000", ids })).toEqual([]);
  });

  it("findMessageDtos answers as findMessages, and never across workspaces", async () => {
    const { ws, users, convs } = await world();
    const open = convs.find((c) => c.conversation.status === "open")!.conversation;
    const { id } = await createReply(database.db, actorOf(users[2]!), open.id, { text: "Buongiorno!" });
    const page = await findMessages(database.db, ws.workspace.id, open.id, { limit: 10 });
    const dtos = await findMessageDtos(database.db, { workspaceId: ws.workspace.id, ids: page.items.map((m) => m.id) });
    expect(new Map(dtos.map((m) => [m.id, m]))).toEqual(new Map(page.items.map((m) => [m.id, m])));
    const other = await makeWorkspace(database.db);
    expect(await findMessageDtos(database.db, { workspaceId: other.workspace.id, ids: [id] })).toEqual([]);
  });

  it("countViewsForUsers gives each user what countViews gives them, from one query", async () => {
    const { ws, users } = await world();
    const all = await countViewsForUsers(database.db, { workspaceId: ws.workspace.id, userIds: users.map((u) => u.id) });
    for (const u of users) expect(all.get(u.id)).toEqual(await countViews(database.db, ws.workspace.id, u.id));
  });
});

describe("live audience", () => {
  it("shows each role exactly the conversations GET /api/conversations lists for it", async () => {
    const { ws, users } = await world();
    const ids = (await database.db.select({ id: conversations.id }).from(conversations)).map((r) => r.id);
    const rows = await findConversationListItems(database.db, { workspaceId: ws.workspace.id, ids });
    for (const u of users) {
      const listed = new Set<string>();
      for (const status of CONVERSATION_STATUSES) {
        const page = await findConversations(database.db, ws.workspace.id, u.id, { view: "all", status, limit: 100 });
        for (const item of page.items) listed.add(item.id);
      }
      const actor = actorOf(u);
      const seen = visibleChanges(actor, { messages: [], conversations: rows, details: [], gone: [], notices: [], payments: [] });
      expect(new Set(seen.conversations.map((c) => c.id)), `${u.role} (${audienceOf(actor)})`).toEqual(listed);
    }
  });

  it("gives payment requests to the same audience: every role that reads conversations reads payment requests", () => {
    for (const role of ROLES) expect(can(role, "payment:read"), role).toBe(can(role, "conversation:read"));
  });
});
