import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { channels, templateEvents, templates } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { EVENTS_CHANNEL } from "@/lib/realtime/events";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeTeam, makeUser } from "@/lib/testing/factories";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { createTemplate, updateTemplate } from "./manage";
import { getTemplateDetail, listTemplates } from "./repository";
import { createTemplateSchema } from "./schemas";
import { SEED_TEMPLATES } from "./seed-templates";
import { syncTemplates, type TemplateGraph } from "./sync";

// Templates kept in step with Meta, end to end against the fake Graph API: sync (paged), a
// submission reviewed by "Meta" and decided by a signed status webhook through the real inbound
// path, edits, and the quality and category webhooks.

describe(`templates and Meta (${testDbKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await settleOutboxWorlds();
    await database?.close();
  });

  async function world(opts: { waba?: boolean } = {}) {
    // The fake's clock dates its webhooks (entry.time): a test moves it on between two decisions.
    const clock = { at: Date.now(), now: () => clock.at };
    // One account per world, as one WABA belongs to one workspace.
    const wabaId = String(100_000_000_000_000 + Math.floor(Math.random() * 1e12));
    const w = await makeOutboxWorld(database.db, { fake: { templateReviewMs: 0, clock, wabaId } });
    if (opts.waba !== false) await database.db.update(channels).set({ wabaId }).where(eq(channels.id, w.channel.id));
    const lead = actorOf(await makeUser(database.db, w.workspace.id, "lead"));
    const graph: TemplateGraph = { auth: w.cfg, fetchImpl: w.fetchImpl, pageSize: 5 };
    return { w, lead, graph, clock, wabaId };
  }
  const rows = (w: OutboxWorld) => database.db.select().from(templates).where(eq(templates.workspaceId, w.workspace.id));
  const draft = (over: Record<string, unknown> = {}) =>
    createTemplateSchema.parse({
      name: "seat_upgrade",
      language: "en_US",
      category: "UTILITY",
      parameterFormat: "NAMED",
      components: [
        { type: "BODY", text: "Hi {{first_name}}, seat *{{seat}}* on flight {{flight}} is yours.", example: { body_text_named_params: [{ param_name: "first_name", example: "Giulia" }, { param_name: "seat", example: "2A" }, { param_name: "flight", example: "AZ 1284" }] } },
        { type: "FOOTER", text: "Volo Azzurro" },
      ],
      ...over,
    });

  it("sync reads every page of the account (15 templates, 5 a page) and stores them; again, nothing doubles", async () => {
    const { w, graph } = await world();
    let pages = 0;
    const counting: TemplateGraph = { ...graph, fetchImpl: (url, init) => (url.includes("message_templates") && pages++, w.fetchImpl(url, init)) };
    expect(await syncTemplates(database.db, { workspaceId: w.workspace.id, graph: counting })).toEqual({ accounts: 1, synced: SEED_TEMPLATES.length });
    expect(pages).toBe(3);
    const stored = await rows(w);
    expect(stored).toHaveLength(SEED_TEMPLATES.length);
    expect(stored.find((t) => t.name === "boarding_pass" && t.language === "it")).toMatchObject({ metaId: "1689556908129839", status: "APPROVED", parameterFormat: "NAMED", qualityScore: "GREEN", rejectionReason: null, wabaId: w.fake.templates.wabaId });
    // Meta pauses one: the next sync says so, and leaves the teams we chose alone.
    const team = await makeTeam(database.db, w.workspace.id);
    await database.db.update(templates).set({ teamIds: [team.id] }).where(and(eq(templates.workspaceId, w.workspace.id), eq(templates.name, "hello_world")));
    w.fake.templates.store.find((t) => t.name === "hello_world")!.status = "PAUSED";
    await syncTemplates(database.db, { workspaceId: w.workspace.id, graph });
    const again = await rows(w);
    expect(again).toHaveLength(SEED_TEMPLATES.length);
    expect(again.find((t) => t.name === "hello_world")).toMatchObject({ status: "PAUSED", teamIds: [team.id] });
  });

  it("sync: a workspace without an account has nothing to sync; Meta refusing the token is a 502 in words", async () => {
    const none = await world({ waba: false });
    expect(await syncTemplates(database.db, { workspaceId: none.w.workspace.id, graph: none.graph })).toEqual({ accounts: 0, synced: 0 });
    const { w, graph } = await world();
    await expect(syncTemplates(database.db, { workspaceId: w.workspace.id, graph: { ...graph, auth: { ...graph.auth, accessToken: "wrong" } } })).rejects.toMatchObject({
      status: 502,
      reason: "template.upstream",
    });
  });

  it("create: stored PENDING and submitted; the fake approves it and the signed status webhook makes it APPROVED", async () => {
    const { w, lead, graph } = await world();
    const heard: { type: string; workspaceId: string; templateId?: string | null }[] = [];
    const stop = await database.listen(EVENTS_CHANNEL, (payload) => heard.push(JSON.parse(payload)));
    const created = await createTemplate(database.db, lead, draft(), graph);
    expect(created).toMatchObject({ name: "seat_upgrade", status: "PENDING", metaId: expect.stringMatching(/^\d+$/) });
    expect(w.fake.templates.store.find((t) => t.name === "seat_upgrade")).toBeDefined();
    await w.fake.idle();
    const detail = await getTemplateDetail(database.db, { workspaceId: w.workspace.id, templateId: created.id });
    expect(detail).toMatchObject({ status: "APPROVED", rejectionReason: null });
    expect(detail.events).toEqual([expect.objectContaining({ field: "message_template_status_update", value: expect.objectContaining({ event: "APPROVED", message_template_name: "seat_upgrade" }) })]);
    // The webhook arrived signed and went through the app's inbound path.
    expect(w.received.at(-1)).toMatchObject({ valid: true });
    // The manager hears both changes (the submission, then Meta's decision).
    await new Promise((r) => setTimeout(r, 50));
    await stop();
    expect(heard.filter((e) => e.type === "template.updated" && e.templateId === created.id && e.workspaceId === w.workspace.id)).toHaveLength(2);
  });

  it("create refuses rule-breakers by path (400), a second name+language (409), and an account-less workspace (409)", async () => {
    const { lead, graph } = await world();
    const bad = draft({ name: "Seat Upgrade", components: [{ type: "BODY", text: "{{first_name}} " + "x".repeat(1030) }, { type: "FOOTER", text: "Ref {{pnr}}" }] });
    const err = await createTemplate(database.db, lead, bad, graph).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, reason: "template.rules" });
    expect(Object.keys((err as { fields: Record<string, string[]> }).fields).sort()).toEqual(["components.0.example", "components.0.text", "components.1.text", "name"]);
    await createTemplate(database.db, lead, draft(), graph);
    await expect(createTemplate(database.db, lead, draft(), graph)).rejects.toMatchObject({ status: 409, reason: "template.duplicate" });
    const none = await world({ waba: false });
    await expect(createTemplate(database.db, none.lead, draft(), none.graph)).rejects.toMatchObject({ status: 409, reason: "template.no_account" });
    const other = await makeTeam(database.db, none.w.workspace.id);
    await expect(createTemplate(database.db, lead, draft({ name: "other_team", teamIds: [other.id] }), graph)).rejects.toMatchObject({ status: 400, reason: "template.unknown_team" });
  });

  it("Meta rejecting a submission (status webhook REJECTED with its reason): the row says so and agents cannot use it", async () => {
    const { w, lead, graph } = await world();
    const created = await createTemplate(database.db, lead, draft({ name: "promo_upgrade" }), graph);
    const metaId = created.metaId!;
    // Meta's reviewer decides against it (a reason the fake's rules would not give).
    w.fake.templates.change(metaId, { event: "REJECTED", reason: "INCORRECT_CATEGORY" });
    await w.fake.idle();
    const detail = await getTemplateDetail(database.db, { workspaceId: w.workspace.id, templateId: created.id });
    expect(detail).toMatchObject({ status: "REJECTED", rejectionReason: "INCORRECT_CATEGORY" });
    expect(detail.events.map((e) => e.value.event)).toContain("REJECTED");
    expect(await listTemplates(database.db, { workspaceId: w.workspace.id, usableBy: { userId: w.agent.userId } })).toEqual([]);
  });

  it("a submission Meta refuses leaves nothing behind (502)", async () => {
    const { w, lead, graph } = await world();
    w.fake.templates.store.push({ ...structuredClone(w.fake.templates.store[0]!), name: "seat_upgrade", id: "1" }); // Meta has one we never synced
    await expect(createTemplate(database.db, lead, draft(), graph)).rejects.toMatchObject({ status: 502, reason: "template.upstream" });
    expect((await rows(w)).filter((t) => t.name === "seat_upgrade")).toEqual([]);
  });

  it("edit: new content goes back to review (PENDING, then APPROVED by webhook); teams alone change at once", async () => {
    const { w, lead, graph, clock } = await world();
    const created = await createTemplate(database.db, lead, draft(), graph);
    await w.fake.idle();
    clock.at += 60_000;
    const team = await makeTeam(database.db, w.workspace.id);
    const teamsOnly = await updateTemplate(database.db, lead, created.id, { teamIds: [team.id] }, graph);
    expect(teamsOnly).toMatchObject({ status: "APPROVED", teamIds: [team.id] });
    const components = [...draft().components.slice(0, 1), { type: "FOOTER", text: "Volo Azzurro · Upgrades" }];
    const edited = await updateTemplate(database.db, lead, created.id, { components }, graph);
    expect(edited).toMatchObject({ status: "PENDING", components });
    expect(w.fake.templates.store.find((t) => t.id === created.metaId)?.components).toEqual(components);
    await w.fake.idle();
    const detail = await getTemplateDetail(database.db, { workspaceId: w.workspace.id, templateId: created.id });
    expect(detail.status).toBe("APPROVED");
    expect(detail.events.filter((e) => e.value.event === "APPROVED")).toHaveLength(2);
    await expect(updateTemplate(database.db, lead, created.id, { components: [{ type: "FOOTER", text: "no body" }] }, graph)).rejects.toMatchObject({ status: 400, fields: { components: ["A template needs a BODY."] } });
    // Meta refuses the edit (it no longer knows the template): 502, and the template is as it was.
    w.fake.templates.store.splice(w.fake.templates.store.findIndex((t) => t.id === created.metaId), 1);
    await expect(updateTemplate(database.db, lead, created.id, { components: draft().components }, graph)).rejects.toMatchObject({ status: 502 });
    expect(await getTemplateDetail(database.db, { workspaceId: w.workspace.id, templateId: created.id })).toMatchObject({ status: "APPROVED", components });
  });

  it("quality and category webhooks from the fake update the template and its history; a paused one is refused by the fake's send check", async () => {
    const { w, graph } = await world();
    await syncTemplates(database.db, { workspaceId: w.workspace.id, graph });
    const [row] = await database.db.select().from(templates).where(and(eq(templates.workspaceId, w.workspace.id), eq(templates.name, "checkin_open"), eq(templates.language, "it")));
    w.fake.templates.change(row!.metaId!, { quality: "RED" });
    w.fake.templates.change(row!.metaId!, { category: "MARKETING" });
    w.fake.templates.change(row!.metaId!, { event: "PAUSED", reason: "LOW_QUALITY" });
    await w.fake.idle();
    const detail = await getTemplateDetail(database.db, { workspaceId: w.workspace.id, templateId: row!.id });
    expect(detail).toMatchObject({ qualityScore: "RED", category: "MARKETING", status: "PAUSED" });
    expect(detail.events.map((e) => e.field).sort()).toEqual(["message_template_quality_update", "message_template_status_update", "template_category_update"]);
    expect(await listTemplates(database.db, { workspaceId: w.workspace.id, usableBy: { userId: w.agent.userId } })).not.toContainEqual(expect.objectContaining({ id: row!.id }));
    const events = await database.db.select().from(templateEvents).where(eq(templateEvents.workspaceId, w.workspace.id));
    expect(events).toHaveLength(3);
  });
});
