import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { templateEvents, templates, webhookEvents } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { insertSeedTemplates } from "@/lib/templates/seed";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { deliverSigned, loadFixtures, seedChannel, type Seed } from "./test-helpers";

// The template webhooks (status, quality, category; issue 10 and 11) as Meta sends them: each
// fixture signed and posted through the webhook's accept path, processed, then everything again,
// twice and in reverse order. The seeded templates carry the fixtures' Meta ids.

const NAMES = ["template-status-update.json", "template-quality-update.json", "template-category-update.json", "template-status-rejected.json", "template-category-update-announced.json"];

const notification = (wabaId: string, time: number | null, field: string, value: Record<string, unknown>) =>
  JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: wabaId, ...(time ? { time } : {}), changes: [{ field, value }] }] });

describe(`template webhooks (${testDbKind()})`, () => {
  let database: Database;
  let seed: Seed;
  const fixtures = loadFixtures();
  const fixture = (name: string) => fixtures.get(name)!;
  const template = async (name: string, language = "en_US") =>
    (await database.db.select().from(templates).where(and(eq(templates.workspaceId, seed.workspaceId), eq(templates.name, name), eq(templates.language, language))))[0]!;
  const snapshot = async () => JSON.stringify(await database.db.select({ id: templates.id, status: templates.status, q: templates.qualityScore, c: templates.category, r: templates.rejectionReason }).from(templates).orderBy(templates.id));

  beforeAll(async () => {
    database = await createTestDatabase();
    seed = await seedChannel(database.db);
    await insertSeedTemplates(database.db, { workspaceId: seed.workspaceId, wabaId: "102290129340398", teamIds: new Map() });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("status, quality and category notifications update their template and are kept as its history", async () => {
    const drained = await deliverSigned(database.db, ...NAMES.map(fixture));
    expect(drained).toMatchObject({ processed: NAMES.length, failed: 0 });
    expect(await template("booking_confirmation")).toMatchObject({ status: "APPROVED", qualityScore: "YELLOW" });
    expect(await template("checkin_details")).toMatchObject({ category: "MARKETING" });
    expect(await template("checkin_open")).toMatchObject({ status: "REJECTED", rejectionReason: "INVALID_FORMAT" });
    expect(await template("flight_change_notice")).toMatchObject({ category: "MARKETING" });
    expect(await template("booking_confirmation", "it")).toMatchObject({ status: "APPROVED", qualityScore: "GREEN", category: "UTILITY" });
    const events = await database.db.select().from(templateEvents).where(eq(templateEvents.workspaceId, seed.workspaceId));
    expect(events).toHaveLength(NAMES.length);
    expect(events.every((e) => e.templateId !== null)).toBe(true);
    const quality = events.find((e) => e.field === "message_template_quality_update")!;
    expect(quality).toMatchObject({ metaTemplateId: "1689556908129832", name: "booking_confirmation", language: "en_US", value: { previous_quality_score: "GREEN", new_quality_score: "YELLOW" } });
    expect(quality.receivedAt.toISOString()).toBe(new Date(1780002000 * 1000).toISOString()); // Meta's time, not ours
    const stored = await database.db.select({ status: webhookEvents.status, error: webhookEvents.error }).from(webhookEvents);
    expect(stored.every((e) => e.status === "processed" && e.error === null)).toBe(true);
  });

  it("everything again, twice, in reverse order: one event per notification, nothing changes", async () => {
    const before = await snapshot();
    const reversed = [...NAMES].reverse().map(fixture);
    expect(await deliverSigned(database.db, ...reversed, ...reversed)).toMatchObject({ processed: NAMES.length * 2, failed: 0 });
    expect(await snapshot()).toBe(before);
    expect(await database.db.select().from(templateEvents).where(eq(templateEvents.workspaceId, seed.workspaceId))).toHaveLength(NAMES.length);
  });

  it("out of order: an older decision arriving after a newer one is history, not the state", async () => {
    const value = (event: string) => ({ event, message_template_id: 1689556908129838, message_template_name: "boarding_pass", message_template_language: "en_US", reason: "NONE" });
    const paused = notification("102290129340398", 1780010000, "message_template_status_update", value("PAUSED"));
    const approved = notification("102290129340398", 1780005000, "message_template_status_update", value("APPROVED"));
    await deliverSigned(database.db, paused, approved, paused);
    expect(await template("boarding_pass")).toMatchObject({ status: "PAUSED" });
    const row = await template("boarding_pass");
    const history = await database.db.select().from(templateEvents).where(eq(templateEvents.templateId, row.id));
    expect(history.map((e) => e.value.event).sort()).toEqual(["APPROVED", "PAUSED"]);
    // Reinstated later: approved again.
    await deliverSigned(database.db, notification("102290129340398", 1780020000, "message_template_status_update", value("REINSTATED")));
    expect(await template("boarding_pass")).toMatchObject({ status: "APPROVED" });
  });

  it("a template without Meta's id yet is found by name and language, and learns its id", async () => {
    await database.db.insert(templates).values({ workspaceId: seed.workspaceId, wabaId: "102290129340398", name: "seat_upgrade", language: "it", category: "UTILITY", components: [{ type: "BODY", text: "Ciao" }], status: "PENDING" });
    await deliverSigned(database.db, notification("102290129340398", 1780030000, "message_template_status_update", { event: "APPROVED", message_template_id: 1689556908129999, message_template_name: "seat_upgrade", message_template_language: "it", reason: "NONE" }));
    expect(await template("seat_upgrade", "it")).toMatchObject({ status: "APPROVED", metaId: "1689556908129999" });
  });

  it("an unknown account is ignored (processed, with a note), an unknown template is kept as an event", async () => {
    const before = await snapshot();
    const drained = await deliverSigned(
      database.db,
      notification("999999999", 1780040000, "message_template_status_update", { event: "APPROVED", message_template_id: 1, message_template_name: "x", message_template_language: "en_US" }),
      notification("102290129340398", 1780040000, "message_template_quality_update", { new_quality_score: "RED", message_template_id: 42, message_template_name: "not_synced", message_template_language: "en_US" }),
    );
    expect(drained).toMatchObject({ processed: 2, failed: 0 });
    expect(await snapshot()).toBe(before);
    const [orphan] = await database.db.select().from(templateEvents).where(eq(templateEvents.metaTemplateId, "42"));
    expect(orphan).toMatchObject({ templateId: null, name: "not_synced", field: "message_template_quality_update" });
    const notes = await database.db.select({ error: webhookEvents.error }).from(webhookEvents);
    expect(notes.some((n) => n.error?.includes("unknown WhatsApp Business account 999999999"))).toBe(true);
  });
});
