import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { bookings, channels, conversations, teamMemberships, templates } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import type { TemplateComponent } from "@/lib/templates/model";
import { SEED_TEMPLATES } from "@/lib/templates/seed-templates";
import { prefillTemplateValues } from "@/lib/templates/prefill";
import { toBooking } from "@/lib/bookings/queries";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeTeam, makeUser } from "@/lib/testing/factories";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { handleSendJob } from "@/lib/messages/outbox";
import { createReply } from "./reply";
import { templateReplySchema } from "./schemas";
import { createTemplateReply } from "./template-reply";
import { findMessages } from "./queries";

const WABA = "104918273645012";

// The seeded Italian booking confirmation: the fake's store holds the same, and checks sends against it.
const CONFIRMATION_IT: TemplateComponent[] = SEED_TEMPLATES.find((t) => t.name === "booking_confirmation" && t.language === "it")!.components;

async function insertTemplate(db: Db, w: OutboxWorld, over: Partial<typeof templates.$inferInsert> = {}) {
  const [row] = await db
    .insert(templates)
    .values({ workspaceId: w.workspace.id, wabaId: WABA, name: "booking_confirmation", language: "it", category: "UTILITY", parameterFormat: "NAMED", components: CONFIRMATION_IT, status: "APPROVED", ...over })
    .returning();
  return row!;
}

async function insertBooking(db: Db, w: OutboxWorld, contactId: string) {
  const [row] = await db
    .insert(bookings)
    .values({
      workspaceId: w.workspace.id,
      contactId,
      pnr: `K${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
      status: "ticketed",
      passengers: [{ surname: "ROSSI", givenName: "GIULIA", type: "ADT" }],
      legs: [
        {
          operatingCarrier: "AZ", flightNumber: "610", from: "JFK", to: "FCO",
          departureAt: "2026-11-24T23:30:00-05:00", arrivalAt: "2026-11-25T14:05:00+01:00",
          fromTimeZone: "America/New_York", toTimeZone: "Europe/Rome", cabin: "Economy", compartmentCode: "Y", gate: "B22", boardingAt: "2026-11-24T22:45:00-05:00", checkins: [{ passenger: 0, seat: "23A", sequence: 12 }],
        },
      ],
      totalAmount: 45990,
      currency: "EUR",
    })
    .returning();
  return toBooking(row!);
}

/** A world whose number is on the template's account; its fake holds the seeded templates. */
async function world(db: Db) {
  const w = await makeOutboxWorld(db);
  await db.update(channels).set({ wabaId: WABA }).where(eq(channels.id, w.channel.id));
  return w;
}

/** A customer inside the window with a booking, and the English boarding-pass template sent to them (queued). */
async function sendBoardingPassTemplate(db: Db) {
  const w = await world(db);
  const { conversation, contact } = await w.customer(30 * 60);
  const seed = SEED_TEMPLATES.find((t) => t.name === "boarding_pass" && t.language === "en_US")!;
  const tpl = await insertTemplate(db, w, { name: seed.name, language: seed.language, components: seed.components });
  const booking = await insertBooking(db, w, contact.id);
  const values = { ...prefillTemplateValues({ template: seed, booking }), "header:document": { type: "boarding_pass", leg: 0, passenger: 0 } };
  const { id } = await createTemplateReply(db, w.agent, conversation.id, templateReplySchema.parse({ templateId: tpl.id, values, bookingId: booking.id }));
  return { w, conversation, tpl, booking, values, id };
}

describe(`template sends (${testDbKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await settleOutboxWorlds();
    await database?.close();
  });

  it("after 24 hours free text is refused but a booking confirmation filled from the booking is stored as the customer reads it and accepted by WhatsApp", async () => {
    const w = await world(database.db);
    const { conversation, contact } = await w.customer(25 * 60);
    await expect(createReply(database.db, w.agent, conversation.id, { text: "Ci è ancora?" })).rejects.toMatchObject({ status: 409 });
    const tpl = await insertTemplate(database.db, w);
    const booking = await insertBooking(database.db, w, contact.id);
    const values = prefillTemplateValues({ template: { language: "it", parameterFormat: "NAMED", components: CONFIRMATION_IT }, booking, contact: { name: contact.profileName } });

    const input = templateReplySchema.parse({ templateId: tpl.id, values, bookingId: booking.id, clientMessageId: "tmpl-0001-abcdef" });
    const { id, duplicate } = await createTemplateReply(database.db, w.agent, conversation.id, input);
    expect(duplicate).toBe(false);
    const row = await w.message(id);
    const body = `Ciao Giulia, grazie per aver scelto Volo Azzurro.\n\nLa tua prenotazione *${booking.pnr}* è confermata:\n✈️ Volo *AZ 610*, New York (JFK) → Roma (FCO)\n📅 mar 24 nov 2026 alle 23:30\n\nIl check-in online apre 24 ore prima della partenza. Scrivici qui per qualsiasi necessità.`;
    expect(row).toMatchObject({
      kind: "template",
      status: "queued",
      direction: "outbound",
      text: body.replace(/\*/g, ""),
      payload: {
        templateId: tpl.id,
        bookingId: booking.id,
        rendered: {
          header: { format: "TEXT", text: "La tua prenotazione è confermata" },
          body,
          footer: "Volo Azzurro · Assistenza clienti",
          buttons: [
            { type: "QUICK_REPLY", text: "Gestisci prenotazione" },
            { type: "QUICK_REPLY", text: "Parla con un operatore" },
          ],
        },
        template: {
          name: "booking_confirmation",
          language: { code: "it" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", parameter_name: "first_name", text: "Giulia" },
                { type: "text", parameter_name: "pnr", text: booking.pnr },
                { type: "text", parameter_name: "flight", text: "AZ 610" },
                { type: "text", parameter_name: "origin", text: "New York (JFK)" },
                { type: "text", parameter_name: "destination", text: "Roma (FCO)" },
                { type: "date_time", parameter_name: "departure_date", date_time: { fallback_value: "mar 24 nov 2026" } },
                { type: "text", parameter_name: "departure_time", text: "23:30" },
              ],
            },
          ],
        },
      },
    });
    const [conv] = await database.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(conv).toMatchObject({ lastMessageDirection: "outbound", assigneeId: w.agent.userId });
    expect(conv!.lastMessagePreview).toMatch(/^Ciao Giulia, grazie per aver scelto Volo Azzurro/);

    // The same click delivered twice stores one message.
    expect(await createTemplateReply(database.db, w.agent, conversation.id, input)).toEqual({ id, duplicate: true });

    // The fake checks the send as Meta does: it goes through, as a template, with our components.
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
    expect(w.fake.engine.sent.at(-1)).toMatchObject({ type: "template", content: { name: "booking_confirmation", language: { code: "it" } } });
  });

  it("inside the window too", async () => {
    const w = await world(database.db);
    const { conversation } = await w.customer(5);
    const tpl = await insertTemplate(database.db, w);
    const text = (t: string) => ({ type: "text", text: t });
    const values = { "body:first_name": text("Ada"), "body:pnr": text("ABC123"), "body:flight": text("AZ 1"), "body:origin": text("Roma (FCO)"), "body:destination": text("Bari (BRI)"), "body:departure_date": { type: "date_time", fallback: "1 dic" }, "body:departure_time": text("10:00") };
    const { id } = await createTemplateReply(database.db, w.agent, conversation.id, templateReplySchema.parse({ templateId: tpl.id, values }));
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
  });

  it("a boarding pass in the document header: an expiring link to the booking's pass with its file name, accepted by WhatsApp", async () => {
    const { w, conversation, tpl, booking, values, id } = await sendBoardingPassTemplate(database.db);
    const row = await w.message(id);
    const header = (row.payload as { template: { components: { type: string; parameters: { type: string; document?: { link: string; filename: string } }[] }[] } }).template.components[0]!;
    expect(header.type).toBe("header");
    expect(header.parameters[0]!.type).toBe("document");
    expect(header.parameters[0]!.document!.link).toMatch(/\/api\/boarding-passes\/bp1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(header.parameters[0]!.document!.filename).toBe(`boarding-pass-${booking.pnr}-AZ610-ROSSI.pdf`);
    expect(row.payload).toMatchObject({ rendered: { header: { format: "DOCUMENT", filename: `boarding-pass-${booking.pnr}-AZ610-ROSSI.pdf` } } });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "sent" });

    // Without its booking, or for a passenger the booking does not have, the pass is refused by field.
    await expect(
      createTemplateReply(database.db, w.agent, conversation.id, templateReplySchema.parse({ templateId: tpl.id, values: { ...values } })),
    ).rejects.toMatchObject({ status: 400, fields: { "header:document": expect.any(Array) } });
    await expect(
      createTemplateReply(database.db, w.agent, conversation.id, templateReplySchema.parse({ templateId: tpl.id, values: { ...values, "header:document": { type: "boarding_pass", leg: 0, passenger: 5 } }, bookingId: booking.id })),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("a boarding pass template WhatsApp cannot fetch the document of fails loudly: failed, with Meta's code and reason, in the thread", async () => {
    const { w, conversation, id } = await sendBoardingPassTemplate(database.db);
    // Meta accepts a template with a media link, then reports that it could not download it.
    w.fake.engine.addFault({ code: 131053, times: 1, async: true });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
    await w.fake.idle();
    const shown = (await findMessages(database.db, w.workspace.id, conversation.id, { limit: 10 })).items.find((m) => m.id === id)!;
    expect(shown).toMatchObject({ kind: "template", status: "failed", error: { code: 131053 } });
    expect(shown.error?.message || shown.error?.title).toBeTruthy();
  });

  it("refuses a send with missing values, naming each; and values WhatsApp would reject", async () => {
    const w = await world(database.db);
    const { conversation } = await w.customer(30 * 60);
    const tpl = await insertTemplate(database.db, w);
    const partial = { "body:first_name": { type: "text", text: "Giulia" }, "body:pnr": { type: "text", text: "   " } };
    await expect(createTemplateReply(database.db, w.agent, conversation.id, templateReplySchema.parse({ templateId: tpl.id, values: partial }))).rejects.toMatchObject({
      status: 400,
      reason: "template.missing_values",
      params: { count: 6, names: "pnr, flight, origin, destination, departure_date, departure_time" },
      fields: { "body:pnr": expect.any(Array), "body:flight": expect.any(Array), "body:origin": expect.any(Array), "body:departure_date": expect.any(Array), "body:departure_time": expect.any(Array) },
    });
    const newline = { ...partial, "body:pnr": { type: "text", text: "AB\nC" } };
    await expect(createTemplateReply(database.db, w.agent, conversation.id, templateReplySchema.parse({ templateId: tpl.id, values: newline }))).rejects.toMatchObject({
      status: 400,
      reason: "template.bad_values",
      fields: { "body:pnr": expect.any(Array) },
    });
    // A boarding pass belongs in a document header only.
    const pass = { ...partial, "body:pnr": { type: "boarding_pass", leg: 0, passenger: 0 } };
    await expect(createTemplateReply(database.db, w.agent, conversation.id, templateReplySchema.parse({ templateId: tpl.id, values: pass }))).rejects.toMatchObject({ status: 400, fields: { "body:pnr": expect.any(Array) } });
    expect(templateReplySchema.safeParse({ templateId: tpl.id, values: { "<script>": { type: "text", text: "x" } } }).success).toBe(false);
  });

  it("refuses a template that is not approved (409), not for the agent's team (403), of another account (409) or workspace (404)", async () => {
    const w = await world(database.db);
    const { conversation, contact } = await w.customer(30 * 60);
    const send = (actor: OutboxWorld["agent"], templateId: string, extra: object = {}) =>
      createTemplateReply(database.db, actor, conversation.id, templateReplySchema.parse({ templateId, values: {}, ...extra }));
    const paused = await insertTemplate(database.db, w, { name: "paused_one", status: "PAUSED" });
    await expect(send(w.agent, paused.id)).rejects.toMatchObject({ status: 409, reason: "template.not_approved", params: { status: "PAUSED" } });

    const team = await makeTeam(database.db, w.workspace.id);
    const payments = await insertTemplate(database.db, w, { name: "payments_only", components: [{ type: "BODY", text: "Hello" }], teamIds: [team.id] });
    await expect(send(w.agent, payments.id)).rejects.toMatchObject({ status: 403, reason: "template.not_for_team" });
    await database.db.insert(teamMemberships).values({ workspaceId: w.workspace.id, teamId: team.id, userId: w.agent.userId });
    await expect(send(w.agent, payments.id, { clientMessageId: "tmpl-team-000001" })).resolves.toMatchObject({ duplicate: false });

    const elsewhere = await insertTemplate(database.db, w, { name: "other_waba", wabaId: "999", components: [{ type: "BODY", text: "Hello" }] });
    await expect(send(w.agent, elsewhere.id)).rejects.toMatchObject({ status: 409, reason: "template.other_account" });

    const other = await world(database.db);
    const foreign = await insertTemplate(database.db, other, { name: "foreign", components: [{ type: "BODY", text: "Hello" }] });
    await expect(send(w.agent, foreign.id)).rejects.toMatchObject({ status: 404 });
    // Nor may a booking of another customer ride along.
    const { contact: stranger } = await other.customer(5);
    const theirs = await insertBooking(database.db, other, stranger.id);
    const hello = await insertTemplate(database.db, w, { name: "hello", components: [{ type: "BODY", text: "Hello" }] });
    await expect(send(w.agent, hello.id, { bookingId: theirs.id })).rejects.toMatchObject({ status: 404 });
    const mine = await insertBooking(database.db, w, contact.id);
    const { contact: neighbour } = await w.customer(5);
    const notHis = await insertBooking(database.db, w, neighbour.id);
    await expect(send(w.agent, hello.id, { bookingId: notHis.id })).rejects.toMatchObject({ status: 400, reason: "template.booking_mismatch" });
    await expect(send(w.agent, hello.id, { bookingId: mine.id, clientMessageId: "tmpl-booking-0001" })).resolves.toMatchObject({ duplicate: false });
  });

  it("a resolved conversation is refused (409) and another workspace's conversation is not found (404)", async () => {
    const w = await world(database.db);
    const { conversation } = await w.customer(30 * 60);
    const hello = await insertTemplate(database.db, w, { name: "hello", components: [{ type: "BODY", text: "Hello" }] });
    await database.db.update(conversations).set({ status: "resolved", resolvedAt: new Date() }).where(eq(conversations.id, conversation.id));
    await expect(createTemplateReply(database.db, w.agent, conversation.id, { templateId: hello.id, values: {} })).rejects.toMatchObject({ status: 409 });
    const other = await world(database.db);
    const stranger = actorOf(await makeUser(database.db, other.workspace.id));
    await expect(createTemplateReply(database.db, stranger, conversation.id, { templateId: hello.id, values: {} })).rejects.toMatchObject({ status: 404 });
  });
});
