import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { channels } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { createReply } from "@/lib/messages/reply";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { makeOutboxWorld, settleOutboxWorlds } from "@/lib/testing/outbox-world";
import { describeMe } from "@/lib/users/me";
import { handleSendJob } from "@/lib/messages/outbox";
import { createFakeGraph } from "@/lib/fake-whatsapp";
import { ensureDefaultChannel, findChannels, QUIET_AFTER_MS, refreshChannelProfile, setChannelAccount, webhookStateOf } from "./channels";

describe(`WhatsApp channels (${testDbKind()})`, () => {
  let database: Database;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await settleOutboxWorlds();
    await database?.close();
  });

  it("the configured number gets a channel in the first workspace, once; none before a workspace exists", async () => {
    expect(await ensureDefaultChannel(db, "990000000000001")).toBeNull();
    const first = await makeWorkspace(db, "First Air");
    await makeWorkspace(db, "Second Air");
    const id = await ensureDefaultChannel(db, "990000000000001");
    expect(id).toBeTruthy();
    expect(await ensureDefaultChannel(db, "990000000000001")).toBe(id);
    const rows = await db.select().from(channels).where(eq(channels.phoneNumberId, "990000000000001"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workspaceId: first.workspace.id, verifiedName: "First Air", verified: false, lastWebhookAt: null });
    // An existing channel is left alone, whichever workspace holds it.
    const other = await makeWorkspace(db, "Third Air");
    expect(await ensureDefaultChannel(db, other.channel.phoneNumberId)).toBe(other.channel.id);
  });

  it("webhook state: never, receiving within a day, quiet after", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(webhookStateOf(null, now)).toBe("never");
    expect(webhookStateOf(new Date(now.getTime() - 60_000), now)).toBe("receiving");
    expect(webhookStateOf(new Date(now.getTime() - QUIET_AFTER_MS - 1), now)).toBe("quiet");
  });

  it("lists only the workspace's own numbers, without secrets", async () => {
    const a = await makeWorkspace(db, "Alpha Air");
    const b = await makeWorkspace(db, "Beta Air");
    await db.update(channels).set({ lastWebhookAt: new Date(Date.now() - 5_000) }).where(eq(channels.id, a.channel.id));
    const list = await findChannels(db, a.workspace.id);
    expect(list.map((c) => c.id)).toEqual([a.channel.id]);
    expect(list[0]).toMatchObject({ verifiedName: "Alpha Air", webhook: "receiving", alert: null, qualityRating: null });
    expect(Object.keys(list[0]!)).not.toContain("accessToken");
    expect((await findChannels(db, b.workspace.id))[0]).toMatchObject({ id: b.channel.id, webhook: "never" });
  });

  it("refreshes name, display number, quality and badge from the Graph API; other workspaces get 404", async () => {
    const ws = await makeWorkspace(db, "Old Name");
    await db.update(channels).set({ verified: false }).where(eq(channels.id, ws.channel.id));
    const fake = createFakeGraph({
      appSecret: "s",
      webhookUrl: "http://sportello.test/api/webhooks/whatsapp",
      phoneNumberId: ws.channel.phoneNumberId,
      accessToken: "good-token",
      profile: { verifiedName: "Volo Azzurro", displayPhoneNumber: "+39 06 8888 0000", qualityRating: "YELLOW", official: true },
    });
    const cfg = { graphUrl: "https://graph.facebook.test", apiVersion: "v23.0", accessToken: "good-token" };
    const updated = await refreshChannelProfile(db, ws.workspace.id, ws.channel.id, cfg, fake.fetch);
    expect(updated).toMatchObject({ verifiedName: "Volo Azzurro", displayPhoneNumber: "+39 06 8888 0000", qualityRating: "YELLOW", verified: true, alert: null });
    expect(updated.profileCheckedAt).toBeTruthy();

    const stranger = await makeWorkspace(db, "Stranger Air");
    const err = await refreshChannelProfile(db, stranger.workspace.id, ws.channel.id, cfg, fake.fetch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(404);

    // A rejected token: a clear 502 for the admin, and the number is flagged for everyone.
    const bad = await refreshChannelProfile(db, ws.workspace.id, ws.channel.id, { ...cfg, accessToken: "expired" }, fake.fetch).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).status).toBe(502);
    expect((bad as AppError).message).toMatch(/Invalid OAuth access token/);
    expect((await findChannels(db, ws.workspace.id))[0]!.alert).toMatchObject({ code: 190 });
    // A new token that WhatsApp accepts ends the alert without waiting for someone to send.
    await refreshChannelProfile(db, ws.workspace.id, ws.channel.id, cfg, fake.fetch);
    expect((await findChannels(db, ws.workspace.id))[0]!.alert).toBeNull();
    await fake.close();
  });

  it("a send refused with 190 flags the number for every teammate; the next successful send clears it", async () => {
    const w = await makeOutboxWorld(db);
    const lead = actorOf(await makeUser(db, w.workspace.id, "lead"));
    const { conversation } = await w.customer();

    w.fake.engine.addFault({ code: 190, times: 1 });
    const first = await createReply(db, w.agent, conversation.id, { text: "Le confermo il cambio di posto." });
    expect((await handleSendJob(db, w.cfg, first.id, w.fetchImpl)).outcome).toBe("failed");
    const alerts = (await describeMe(db, w.agent)).alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ channelId: w.channel.id, alert: { code: 190 } });
    expect(alerts[0]!.alert.message).toMatch(/WHATSAPP_ACCESS_TOKEN/);
    expect((await describeMe(db, lead)).alerts).toHaveLength(1);
    // Another workspace sees nothing of it.
    const elsewhere = await makeWorkspace(db, "Elsewhere Air");
    expect((await describeMe(db, actorOf(await makeUser(db, elsewhere.workspace.id)))).alerts).toEqual([]);

    const second = await createReply(db, w.agent, conversation.id, { text: "Ecco la conferma." });
    expect((await handleSendJob(db, w.cfg, second.id, w.fetchImpl)).outcome).toBe("sent");
    expect((await describeMe(db, w.agent)).alerts).toEqual([]);
  });

  it("the configured WhatsApp Business account is recorded on its number (once: a second call changes nothing)", async () => {
    const ws = await makeWorkspace(db, "Account Air");
    expect(await setChannelAccount(db, { phoneNumberId: ws.channel.phoneNumberId, wabaId: "555000111" })).toBe(true);
    expect(await setChannelAccount(db, { phoneNumberId: ws.channel.phoneNumberId, wabaId: "555000111" })).toBe(false);
    expect((await findChannels(db, ws.workspace.id))[0]).toMatchObject({ wabaId: "555000111" });
  });
});
