import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { renderLinkedBoardingPass } from "@/lib/boarding-pass";
import { safeMediaUrl } from "@/lib/content/message-content";
import { insertBooking } from "@/lib/boarding-pass/test-fixtures";
import { contacts } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { makeConversation } from "@/lib/testing/factories";
import { makeOutboxWorld, settleOutboxWorlds } from "@/lib/testing/outbox-world";
import { eq } from "drizzle-orm";
import { sendBoardingPass } from "./boarding-pass-reply";
import { handleSendJob } from "./outbox";
import { findMessages } from "./queries";

describe(`boarding pass as a document message (${testDbKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await settleOutboxWorlds();
    await database?.close();
  });

  async function world(minutesAgo = 5) {
    const w = await makeOutboxWorld(database.db);
    const made = await w.customer(minutesAgo);
    const booking = await insertBooking(database.db, { workspaceId: w.workspace.id, contactId: made.contact.id });
    return { w, ...made, booking };
  }

  it("goes out through the one send path as a PDF document with a file name; the fake accepts it and the link serves the pass", async () => {
    const { w, conversation, contact, booking } = await world();
    await database.db.update(contacts).set({ locale: "it_IT" }).where(eq(contacts.id, contact.id));
    const { id, duplicate } = await sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: booking.id, leg: 0, passenger: 0, clientMessageId: "bp-0001-abcdef" });
    expect(duplicate).toBe(false);
    const row = await w.message(id);
    const filename = `boarding-pass-${booking.pnr}-AZ610-ROSSI.pdf`;
    // The customer's language (Italian) for the caption.
    const caption = "La tua carta d'imbarco: AZ 610 FCO–JFK, mar 22 dic 2026.";
    expect(row).toMatchObject({ kind: "document", direction: "outbound", status: "queued", text: caption });
    expect(row.payload).toMatchObject({ document: { link: expect.stringMatching(/\/api\/boarding-passes\/bp1\./), filename, caption }, filename, mime_type: "application/pdf" });
    // In the agent's thread the file name is a link to the signed-in download route.
    expect(safeMediaUrl(row.payload as Record<string, unknown>)).toBe(`/api/bookings/${booking.id}/boarding-pass?leg=0&passenger=0&format=pdf&locale=it`);

    // The same click twice stores one message.
    expect(await sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: booking.id, leg: 0, passenger: 0, clientMessageId: "bp-0001-abcdef" })).toEqual({ id, duplicate: true });

    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
    const [sent] = w.fake.engine.inboxOf(contact.waId);
    expect(sent).toMatchObject({ type: "document", content: { link: (row.payload as { document: { link: string } }).document.link, filename, caption } });
    await w.fake.idle();
    expect(await w.message(id)).toMatchObject({ status: "delivered" });

    // What WhatsApp's servers fetch from that link: the PDF, in Italian.
    const token = String((sent!.content as { link: string }).link).split("/").at(-1)!;
    const pdf = await renderLinkedBoardingPass(database.db, token);
    expect(pdf.filename).toBe(filename);
    expect((await PDFDocument.load(pdf.bytes)).getTitle()).toBe("Carta d'imbarco AZ 610 FCO–JFK");
  });

  it("a pass WhatsApp cannot fetch fails loudly: the thread shows it failed and why", async () => {
    const { w, conversation, booking } = await world();
    const { id } = await sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: booking.id, leg: 0, passenger: 1, locale: "en" });
    // Meta accepts the send, then reports the media download failure in a status webhook.
    w.fake.engine.addFault({ code: 131053, times: 1, async: true });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
    await w.fake.idle();
    const page = await findMessages(database.db, w.workspace.id, conversation.id, { limit: 10 });
    const shown = page.items.find((m) => m.id === id)!;
    expect(shown).toMatchObject({ kind: "document", status: "failed", error: { code: 131053 } });
    expect(shown.text).toBe("Your boarding pass: AZ 610 FCO–JFK, Tue, Dec 22, 2026.");
  });

  it("outside the 24-hour window it is refused like free text (409), and nothing is stored", async () => {
    const { w, conversation, booking } = await world(25 * 60);
    await expect(sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: booking.id, leg: 0, passenger: 0 })).rejects.toMatchObject({ status: 409, reason: "reply.window_closed" });
    expect((await findMessages(database.db, w.workspace.id, conversation.id, { limit: 10 })).items.filter((m) => m.kind === "document")).toHaveLength(0);
  });

  it("refuses another customer's booking (409), an unknown booking (404) and a passenger the booking lacks (400)", async () => {
    const { w, conversation, booking } = await world();
    const other = await makeConversation(database.db, w, { lastInboundAt: new Date() });
    const theirs = await insertBooking(database.db, { workspaceId: w.workspace.id, contactId: other.contact.id });
    await expect(sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: theirs.id, leg: 0, passenger: 0 })).rejects.toMatchObject({ status: 409, reason: "boarding_pass.booking_not_of_contact" });
    await expect(sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: "00000000-0000-4000-8000-000000000000", leg: 0, passenger: 0 })).rejects.toMatchObject({ status: 404, reason: "booking.not_found" });
    await expect(sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: booking.id, leg: 0, passenger: 7 })).rejects.toMatchObject({ status: 400, fields: { passenger: expect.any(Array) } });
    // Another workspace's booking is simply not found.
    const elsewhere = await world();
    await expect(sendBoardingPass(database.db, { actor: w.agent, conversationId: conversation.id, bookingId: elsewhere.booking.id, leg: 0, passenger: 0 })).rejects.toMatchObject({ status: 404 });
  });
});
