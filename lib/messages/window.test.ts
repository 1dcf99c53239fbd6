import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import type { Database } from "@/lib/db/types";
import { getConversation } from "@/lib/conversations/queries";
import { createReply } from "./reply";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const HOUR = 60 * 60 * 1000;

describe("the 24-hour window on the server", () => {
  it("lets free text through inside the window and refuses it after, with the same words as the UI", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const { conversation: open } = await makeConversation(db, ws, { lastInboundAt: new Date(Date.now() - 23.9 * HOUR) });
    await expect(createReply(db, agent, open.id, { text: "Still in time" })).resolves.toMatchObject({ duplicate: false });

    const { conversation: closed } = await makeConversation(db, ws, { lastInboundAt: new Date(Date.now() - 25 * HOUR) });
    await expect(createReply(db, agent, closed.id, { text: "Too late" })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/^More than 24 hours have passed/) });
    const { conversation: never } = await makeConversation(db, ws, { lastInboundAt: null });
    await expect(createReply(db, agent, never.id, { text: "Cold message" })).rejects.toMatchObject({ status: 409 });
  });

  it("exposes the window on the conversation so the UI can count down", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const last = new Date(Date.now() - 2 * HOUR);
    const { conversation } = await makeConversation(db, ws, { lastInboundAt: last });
    expect((await getConversation(db, ws.workspace.id, conversation.id)).window).toEqual({ open: true, expiresAt: new Date(last.getTime() + 24 * HOUR).toISOString() });
    const { conversation: old } = await makeConversation(db, ws, { lastInboundAt: new Date(Date.now() - 30 * HOUR) });
    expect((await getConversation(db, ws.workspace.id, old.id)).window.open).toBe(false);
  });
});
