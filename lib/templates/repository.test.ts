import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { teamMemberships, templateEvents, templates } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { getTemplateDetail, listTemplates, listTemplatesFor } from "./repository";
import { insertSeedTemplates } from "./seed";
import { SEED_TEMPLATES } from "./seed-templates";
import { templateParams } from "./model";

describe(`templates: the read side (${testDbKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function world() {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const payments = await makeTeam(db, ws.workspace.id, "Payments");
    const bookings = await makeTeam(db, ws.workspace.id, "Bookings");
    await insertSeedTemplates(db, { workspaceId: ws.workspace.id, wabaId: "100200300", teamIds: new Map([["Payments", payments.id]]) });
    const payer = await makeUser(db, ws.workspace.id, "agent");
    const booker = await makeUser(db, ws.workspace.id, "agent");
    const lead = await makeUser(db, ws.workspace.id, "lead");
    await db.insert(teamMemberships).values([
      { workspaceId: ws.workspace.id, teamId: payments.id, userId: payer.id },
      { workspaceId: ws.workspace.id, teamId: bookings.id, userId: booker.id },
    ]);
    return { ws, payer: actorOf(payer), booker: actorOf(booker), lead: actorOf(lead) };
  }

  it("the seed: hello_world and six airline templates in English and Italian, NAMED, with an example for every parameter", () => {
    const names = new Set(SEED_TEMPLATES.map((t) => `${t.name}:${t.language}`));
    for (const name of ["booking_confirmation", "checkin_open", "checkin_details", "boarding_pass", "flight_change_notice", "payment_request"]) {
      expect(names.has(`${name}:en_US`) && names.has(`${name}:it`)).toBe(true);
    }
    expect(names.has("hello_world:en_US")).toBe(true);
    for (const t of SEED_TEMPLATES.filter((x) => x.name !== "hello_world")) {
      expect(t.parameterFormat).toBe("NAMED");
      for (const p of templateParams(t)) if (!p.media) expect(p.example, `${t.name}:${t.language} ${p.id}`).toBeTruthy();
    }
    const pass = SEED_TEMPLATES.find((t) => t.name === "boarding_pass")!;
    expect(templateParams(pass)[0]).toMatchObject({ id: "header:document", media: "document" });
    const checkin = SEED_TEMPLATES.find((t) => t.name === "checkin_open")!;
    expect(templateParams(checkin).at(-1)).toMatchObject({ id: "button:0:1", component: "button" });
  });

  it("agents see the approved templates open to everyone or to one of their teams; the manager sees all", async () => {
    const { ws, payer, booker, lead } = await world();
    const db = database.db;
    await db.update(templates).set({ status: "PAUSED" }).where(eq(templates.name, "checkin_open"));
    const keys = (list: { name: string; language: string }[]) => list.map((t) => `${t.name}:${t.language}`);

    const forBooker = keys(await listTemplatesFor(db, booker));
    expect(forBooker).toContain("booking_confirmation:it");
    expect(forBooker).not.toContain("payment_request:en_US");
    expect(forBooker).not.toContain("checkin_open:en_US");
    expect(keys(await listTemplatesFor(db, payer))).toContain("payment_request:it");
    expect(await listTemplatesFor(db, lead)).toHaveLength(forBooker.length); // a lead in no team: open ones only

    const all = await listTemplatesFor(db, lead, { all: true });
    expect(all).toHaveLength(SEED_TEMPLATES.length);
    expect(keys(all)).toEqual([...keys(all)].sort());
    await expect(listTemplatesFor(db, booker, { all: true })).rejects.toMatchObject({ status: 403 });

    // Scoped: another workspace sees none of them.
    const other = await makeWorkspace(db);
    expect(await listTemplates(db, { workspaceId: other.workspace.id })).toEqual([]);
    expect(all.every((t) => t.wabaId === "100200300")).toBe(true);
    void ws;
  });

  it("a template's detail has its events, newest first, and is a 404 from another workspace", async () => {
    const { ws } = await world();
    const db = database.db;
    const [t] = await db.select().from(templates).where(eq(templates.workspaceId, ws.workspace.id)).limit(1);
    await db.insert(templateEvents).values([
      { workspaceId: ws.workspace.id, templateId: t!.id, wabaId: t!.wabaId, field: "message_template_status_update", value: { event: "APPROVED" }, dedupeKey: "a", receivedAt: new Date(1_000) },
      { workspaceId: ws.workspace.id, templateId: t!.id, wabaId: t!.wabaId, field: "message_template_quality_update", value: { new_quality_score: "YELLOW" }, dedupeKey: "b", receivedAt: new Date(2_000) },
    ]);
    const detail = await getTemplateDetail(db, { workspaceId: ws.workspace.id, templateId: t!.id });
    expect(detail.events.map((e) => e.field)).toEqual(["message_template_quality_update", "message_template_status_update"]);
    const other = await makeWorkspace(db);
    await expect(getTemplateDetail(db, { workspaceId: other.workspace.id, templateId: t!.id })).rejects.toMatchObject({ status: 404 });
  });
});
