// The typing indicator: when it may go (window open, a customer message to mark) and what the
// Cloud API body looks like, checked by the fake as Meta would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { makeOutboxWorld, settleOutboxWorlds } from "@/lib/testing/outbox-world";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { markMessageRead } from "@/lib/whatsapp/graph-client";
import { createReply } from "./reply";
import { handleSendJob } from "./outbox";
import { signalTyping } from "./typing";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await settleOutboxWorlds();
  await database?.close();
});

describe(`signalTyping (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  it("is not sent outside the 24-hour window, nor when the customer never wrote from WhatsApp", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation: stale } = await w.customer(25 * 60);
    expect(await signalTyping(database.db, { actor: w.agent, conversationId: stale.id })).toEqual({ sent: false, reason: "window_closed" });
    // Open window, but no stored WhatsApp message to attach the indicator to.
    const { conversation: fresh } = await w.customer(5);
    expect(await signalTyping(database.db, { actor: w.agent, conversationId: fresh.id })).toEqual({ sent: false, reason: "no_customer_message" });
  });

  it("answers 404 for another workspace's conversation", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(5);
    const other = await makeWorkspace(database.db);
    const outsider = actorOf(await makeUser(database.db, other.workspace.id));
    await expect(signalTyping(database.db, { actor: outsider, conversationId: conversation.id })).rejects.toMatchObject({ status: 404 });
    const own = await makeConversation(database.db, other, {});
    await expect(signalTyping(database.db, { actor: w.agent, conversationId: own.conversation.id })).rejects.toMatchObject({ status: 404 });
  });

  it("goes out as a read receipt with typing_indicator; the customer sees typing… until the reply arrives", async () => {
    const w = await makeOutboxWorld(database.db);
    const waId = "393401239876";
    const inbound = await w.fake.engine.customerSends(waId, { profileName: "Marta", text: "Ciao, una domanda sul bagaglio" });
    const cfg = { ...w.cfg, phoneNumberId: w.channel.phoneNumberId };
    await markMessageRead(cfg, inbound.wamid, w.fetchImpl, { typing: true });
    expect(w.fake.engine.readMarks).toContain(inbound.wamid);
    expect(w.fake.engine.typingUntil(waId)).toBeGreaterThan(Date.now() + 20_000);

    const conversationId = (await database.query<{ id: string }>(
      "SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE k.workspace_id = $1 AND k.wa_id = $2",
      [w.workspace.id, waId],
    ))[0]!.id;
    const { id } = await createReply(database.db, w.agent, conversationId, { text: "Certo, mi dica." });
    expect((await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).outcome).toBe("sent");
    expect(w.fake.engine.typingUntil(waId)).toBeNull();
  });

  it("the fake refuses a typing indicator of another type, as the Cloud API does", async () => {
    const w = await makeOutboxWorld(database.db);
    const res = await w.fetchImpl(`https://graph.facebook.test/v26.0/${w.channel.phoneNumberId}/messages`, {
      method: "POST",
      headers: { Authorization: "Bearer test-access-token", "Content-Type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", status: "read", message_id: "wamid.X", typing_indicator: { type: "audio" } }),
    });
    expect(res.status).toBe(400);
  });
});
