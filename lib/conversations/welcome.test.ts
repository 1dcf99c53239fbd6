// The welcome reply: a customer who opens the chat for the first time (request_welcome) gets the
// number's welcome message once, however often Meta redelivers the notification.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, channels, contacts, conversations, messages, webhookEvents } from "@/lib/db/schema";
import { updateChannelSettings } from "@/lib/channels/channels";
import { processPendingWebhookEvents } from "@/lib/ingest/process-webhook";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { makeWorkspace } from "@/lib/testing/factories";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await settleOutboxWorlds();
  await database?.close();
});

async function threadOf(w: OutboxWorld, waId: string) {
  const [conv] = await database.db
    .select()
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(contacts.workspaceId, w.workspace.id), eq(contacts.waId, waId)));
  const rows = await database.db.select().from(messages).where(eq(messages.conversationId, conv!.conversations.id)).orderBy(messages.createdAt);
  return { conv: conv!.conversations, rows };
}

describe(`welcome reply (${testDbKind()})`, () => {
  it("answers request_welcome once with the number's welcome message, as an automation that claims nobody", async () => {
    const w = await makeOutboxWorld(database.db);
    await updateChannelSettings(database.db, { workspaceId: w.workspace.id, actorUserId: w.agent.userId, channelId: w.channel.id, welcomeMessage: "  Benvenuto! Come possiamo aiutarti?  " });
    const waId = "393471112222";
    await w.fake.engine.customerSends(waId, { profileName: "Nuovo Cliente", type: "request_welcome" });
    await w.fake.idle();

    const { conv, rows } = await threadOf(w, waId);
    expect(rows.map((r) => [r.direction, r.kind, r.authorType])).toEqual([
      ["inbound", "request_welcome", "customer"],
      ["outbound", "text", "system"],
    ]);
    expect(rows[1]).toMatchObject({ text: "Benvenuto! Come possiamo aiutarti?", authorUserId: null, status: "queued" });
    // Not a human's answer: nobody is assigned and the first response is still to come.
    expect(conv.assigneeId).toBeNull();
    expect(conv.firstResponseAt).toBeNull();
    expect(conv.lastMessagePreview).toBe("Benvenuto! Come possiamo aiutarti?");

    // Meta redelivers the same notification: still one welcome.
    const stored = (await database.db.select().from(webhookEvents)).find((e) => e.body.includes("request_welcome"))!;
    await database.db.insert(webhookEvents).values({ body: stored.body });
    await processPendingWebhookEvents(database.db);
    expect((await threadOf(w, waId)).rows).toHaveLength(2);
  });

  it("sends nothing when the number has no welcome message, or once it is removed", async () => {
    const w = await makeOutboxWorld(database.db);
    await w.fake.engine.customerSends("393471113333", { profileName: "A", type: "request_welcome" });
    await w.fake.idle();
    expect((await threadOf(w, "393471113333")).rows.map((r) => r.kind)).toEqual(["request_welcome"]);

    await updateChannelSettings(database.db, { workspaceId: w.workspace.id, actorUserId: w.agent.userId, channelId: w.channel.id, welcomeMessage: "Hi!" });
    const cleared = await updateChannelSettings(database.db, { workspaceId: w.workspace.id, actorUserId: w.agent.userId, channelId: w.channel.id, welcomeMessage: "   " });
    expect(cleared.welcomeMessage).toBeNull();
    await w.fake.engine.customerSends("393471114444", { profileName: "B", type: "request_welcome" });
    await w.fake.idle();
    expect((await threadOf(w, "393471114444")).rows.map((r) => r.kind)).toEqual(["request_welcome"]);
  });

  it("is changed only within the workspace, and audited", async () => {
    const w = await makeOutboxWorld(database.db);
    const other = await makeWorkspace(database.db);
    await expect(
      updateChannelSettings(database.db, { workspaceId: other.workspace.id, actorUserId: w.agent.userId, channelId: w.channel.id, welcomeMessage: "Hijack" }),
    ).rejects.toMatchObject({ status: 404 });
    const [row] = await database.db.select({ welcome: channels.welcomeMessage }).from(channels).where(eq(channels.id, w.channel.id));
    expect(row!.welcome).toBeNull();
    await updateChannelSettings(database.db, { workspaceId: w.workspace.id, actorUserId: w.agent.userId, channelId: w.channel.id, welcomeMessage: "Ciao" });
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, w.workspace.id), eq(auditLog.action, "channel.welcome_message_changed")));
    expect(audits).toHaveLength(1);
  });
});
