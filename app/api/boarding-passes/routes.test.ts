import { readFileSync } from "node:fs";
import { decode } from "bcbp";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { PDFDocument } from "pdf-lib";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { createBoardingPassLink, documentHeaderParameter } from "@/lib/boarding-pass";
import { signBoardingPassToken } from "@/lib/boarding-pass/link";
import { hasPdftoppm, insertBooking, rasterisePdf } from "@/lib/boarding-pass/test-fixtures";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { handleSendJob } from "@/lib/messages/outbox";
import { makeOutboxWorld, settleOutboxWorlds } from "@/lib/testing/outbox-world";
import { renderBusinessMessage } from "@/components/simulator/business-message";
import { GET as downloadPass } from "../bookings/[id]/boarding-pass/route";
import { POST as sendPass } from "../conversations/[id]/boarding-pass/route";
import { GET as linkedPass } from "./[token]/route";

// The routes as Next calls them, on a real database: only the session lookup is replaced (by the
// actor the test chooses) and getDb hands over the test's database.
const state: { database?: Database; actor: Actor | null } = { actor: null };
vi.mock("@/lib/db/client", () => ({ getDb: async () => state.database!.db }));
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => state.actor,
  requireActor: async (action: Action) => {
    if (!state.actor) throw Object.assign(new Error("Sign in"), { status: 401 });
    assertCan(state.actor, action);
    return state.actor;
  },
}));

beforeAll(async () => {
  const wasm = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm).buffer as ArrayBuffer }, fireImmediately: true });
});

/** A scanned BCBP string, decoded by the bcbp package, against the stored booking (test-fixtures' sample). */
function expectPassFor(text: string, want: { name: string; pnr: string; seat: string; sequence: string }) {
  const pass = decode(text, 2026);
  expect(pass.data?.passengerName).toBe(want.name);
  expect(pass.data?.legs?.[0]).toMatchObject({
    operatingCarrierPNR: want.pnr,
    departureAirport: "FCO",
    arrivalAirport: "JFK",
    operatingCarrierDesignator: "AZ",
    flightNumber: "0610",
    compartmentCode: "Y",
    seatNumber: want.seat,
    checkInSequenceNumber: want.sequence,
  });
  expect(pass.data?.legs?.[0]?.flightDate?.toISOString().slice(0, 10)).toBe("2026-12-22");
}

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Promise<Response>;

function call(handler: unknown, url: string, params: Record<string, string>) {
  return (handler as Handler)(new NextRequest(new URL(url, "http://sportello.test")), { params: Promise.resolve(params) as Promise<never> });
}

describe(`boarding-pass routes (${testDbKind()})`, () => {
  let world: Awaited<ReturnType<typeof setup>>;
  async function setup(db: Database["db"]) {
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id, "agent"));
    const { contact } = await makeConversation(db, ws);
    const booking = await insertBooking(db, { workspaceId: ws.workspace.id, contactId: contact.id });
    const other = await makeWorkspace(db, "Other Air");
    const outsider = actorOf(await makeUser(db, other.workspace.id, "admin"));
    return { ws, agent, contact, booking, outsider };
  }
  beforeAll(async () => {
    state.database = await createTestDatabase();
    world = await setup(state.database.db);
  });
  afterAll(async () => {
    await settleOutboxWorlds();
    await state.database?.close();
  });

  it("GET /api/bookings/:id/boarding-pass serves the PDF with its filename, never cached", async () => {
    state.actor = world.agent;
    const res = await call(downloadPass, `/api/bookings/${world.booking.id}/boarding-pass?leg=0&passenger=0&format=pdf`, { id: world.booking.id });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="boarding-pass-${world.booking.pnr}-AZ610-ROSSI.pdf"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.byteLength);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it("the PNG, with a PDF417 barcode for the second passenger, scans back to that passenger", async () => {
    state.actor = world.agent;
    const res = await call(downloadPass, `/api/bookings/${world.booking.id}/boarding-pass?leg=0&passenger=1&format=png&barcode=pdf417`, { id: world.booking.id });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toContain(`boarding-pass-${world.booking.pnr}-AZ610-BIANCHI-FERRE.png`);
    const [read] = await readBarcodes(new Uint8Array(await res.arrayBuffer()), { formats: ["PDF417"], tryHarder: true });
    expect(read?.text.slice(0, 30)).toBe(`M1BIANCHIFERRE/MATTEO E${world.booking.pnr.padEnd(7)}`);
    expectPassFor(read!.text, { name: "BIANCHIFERRE/MATTEO", pnr: world.booking.pnr, seat: "023E", sequence: "0143" });
  });

  // The PDF as a reader draws it (poppler's pdftoppm, when the machine has it): its Aztec code
  // decodes to the booking's passenger and flight, read from the database through the route.
  it.runIf(hasPdftoppm)("the PDF from the route, rasterised, scans back to the booking's passenger and flight", async () => {
    state.actor = world.agent;
    const res = await call(downloadPass, `/api/bookings/${world.booking.id}/boarding-pass?leg=0&passenger=0&format=pdf`, { id: world.booking.id });
    expect(res.status).toBe(200);
    const png = rasterisePdf(new Uint8Array(await res.arrayBuffer()), 150);
    const found = await readBarcodes(new Uint8Array(png), { formats: ["Aztec"], tryHarder: true });
    expect(found).toHaveLength(1);
    expectPassFor(found[0]!.text, { name: "ROSSI/GIULIA", pnr: world.booking.pnr, seat: "023F", sequence: "0142" });
  });

  it("answers 400 with field errors for a leg or passenger the booking lacks, or a bad query", async () => {
    state.actor = world.agent;
    const leg = await call(downloadPass, `/api/bookings/${world.booking.id}/boarding-pass?leg=3&passenger=0`, { id: world.booking.id });
    expect(leg.status).toBe(400);
    expect((await leg.json()).error).toMatchObject({ reason: "booking.no_such_leg", fields: { leg: expect.any(Array) } });
    const pax = await call(downloadPass, `/api/bookings/${world.booking.id}/boarding-pass?leg=0&passenger=2`, { id: world.booking.id });
    expect((await pax.json()).error).toMatchObject({ reason: "booking.no_such_passenger", fields: { passenger: expect.any(Array) } });
    const bad = await call(downloadPass, `/api/bookings/${world.booking.id}/boarding-pass?leg=-1&passenger=x&format=gif`, { id: world.booking.id });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["format", "leg", "passenger"]);
  });

  it("answers 404 for an unknown booking and for another workspace's", async () => {
    state.actor = world.agent;
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call(downloadPass, `/api/bookings/${unknown}/boarding-pass?leg=0&passenger=0`, { id: unknown })).status).toBe(404);
    state.actor = world.outsider;
    const res = await call(downloadPass, `/api/bookings/${world.booking.id}/boarding-pass?leg=0&passenger=0`, { id: world.booking.id });
    expect(res.status).toBe(404);
    expect((await res.json()).error.reason).toBe("booking.not_found");
  });

  it("an expiring signed link serves the PDF without a session; forged, altered and expired ones are 404", async () => {
    state.actor = null;
    const link = await createBoardingPassLink(state.database!.db, { workspaceId: world.ws.workspace.id, bookingId: world.booking.id, leg: 0, passenger: 0, ttlSeconds: 600 });
    expect(link.filename).toBe(`boarding-pass-${world.booking.pnr}-AZ610-ROSSI.pdf`);
    expect(link.url).toMatch(/^https?:\/\/[^/]+\/api\/boarding-passes\/bp1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(590_000);
    const token = link.url.split("/").at(-1)!;
    const ok = await call(linkedPass, `/api/boarding-passes/${token}`, { token });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("content-disposition")).toBe(`inline; filename="${link.filename}"`);
    expect(ok.headers.get("cache-control")).toBe("no-store");

    const [v, body, tag] = token.split(".");
    const flipped = `${v}.${body}.${tag!.slice(0, -2)}${tag!.endsWith("AA") ? "BB" : "AA"}`;
    // Passenger 1 instead of 0 under the same signature: refused.
    const otherBody = Buffer.from(Buffer.from(body!, "base64url").toString().replace(/~0~0~/, "~0~1~")).toString("base64url");
    for (const bad of [flipped, `${v}.${otherBody}.${tag}`, "bp1.nope.nope", "x"]) {
      const res = await call(linkedPass, `/api/boarding-passes/${bad}`, { token: bad });
      expect(res.status).toBe(404);
      expect((await res.json()).error.reason).toBe("boarding_pass.link_not_found");
    }
    const expired = signBoardingPassToken({ workspaceId: world.ws.workspace.id, bookingId: world.booking.id, leg: 0, passenger: 0, locale: "en", expiresAt: Math.floor(Date.now() / 1000) - 1 });
    const gone = await call(linkedPass, `/api/boarding-passes/${expired}`, { token: expired });
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.reason).toBe("boarding_pass.link_expired");
  });

  it("a link lives at least a minute and at most 7 days, and fits a template's DOCUMENT header", async () => {
    const db = state.database!.db;
    const now = new Date("2026-12-01T10:00:00Z");
    const short = await createBoardingPassLink(db, { workspaceId: world.ws.workspace.id, bookingId: world.booking.id, leg: 0, passenger: 0, ttlSeconds: 1, now });
    expect(short.expiresAt).toBe("2026-12-01T10:01:00.000Z");
    const long = await createBoardingPassLink(db, { workspaceId: world.ws.workspace.id, bookingId: world.booking.id, leg: 0, passenger: 0, ttlSeconds: 365 * 86400, now });
    expect(long.expiresAt).toBe("2026-12-08T10:00:00.000Z");
    expect(documentHeaderParameter(short)).toEqual({ type: "header", parameters: [{ type: "document", document: { link: short.url, filename: short.filename } }] });
  });

  it("a cancelled booking has no pass (409)", async () => {
    state.actor = world.agent;
    const cancelled = await insertBooking(state.database!.db, { workspaceId: world.ws.workspace.id, contactId: world.contact.id, status: "cancelled" });
    const res = await call(downloadPass, `/api/bookings/${cancelled.id}/boarding-pass?leg=0&passenger=0`, { id: cancelled.id });
    expect(res.status).toBe(409);
    expect((await res.json()).error.reason).toBe("boarding_pass.booking_cancelled");
  });

  it("a link is refused up front for a passenger the booking lacks or another workspace's booking", async () => {
    await expect(createBoardingPassLink(state.database!.db, { workspaceId: world.ws.workspace.id, bookingId: world.booking.id, leg: 0, passenger: 5 })).rejects.toMatchObject({ status: 400 });
    await expect(createBoardingPassLink(state.database!.db, { workspaceId: world.outsider.workspaceId, bookingId: world.booking.id, leg: 0, passenger: 0 })).rejects.toMatchObject({ status: 404 });
  });

  it("POST /api/conversations/:id/boarding-pass sends the PDF; the customer's phone shows a document they can download", async () => {
    const w = await makeOutboxWorld(state.database!.db);
    const { conversation, contact } = await w.customer(5);
    const booking = await insertBooking(state.database!.db, { workspaceId: w.workspace.id, contactId: contact.id });
    state.actor = w.agent;
    const post = (body: unknown) =>
      sendPass(new NextRequest(new URL(`/api/conversations/${conversation.id}/boarding-pass`, "http://sportello.test"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), {
        params: Promise.resolve({ id: conversation.id }),
      });
    const bad = await post({ bookingId: booking.id });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["leg", "passenger"]);
    const res = await post({ bookingId: booking.id, leg: 0, passenger: 0, locale: "en", clientMessageId: "bp-route-0001" });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    expect((await post({ bookingId: booking.id, leg: 0, passenger: 0, locale: "en", clientMessageId: "bp-route-0001" })).status).toBe(200);
    expect(await handleSendJob(state.database!.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "sent" });

    const rec = w.fake.engine.inboxOf(contact.waId).at(-1)!;
    const phone = renderBusinessMessage(rec as never, [], (key) => key);
    expect(phone.attachment).toEqual({ kind: "document", url: expect.stringContaining("/api/boarding-passes/bp1."), name: `boarding-pass-${booking.pnr}-AZ610-ROSSI.pdf` });
    expect(phone.body).toBe("Your boarding pass: AZ 610 FCO–JFK, Tue, Dec 22, 2026.");
    // The customer taps it: the public link answers with the PDF, no session needed.
    state.actor = null;
    const token = phone.attachment!.url!.split("/").at(-1)!;
    const file = await call(linkedPass, `/api/boarding-passes/${token}`, { token });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
  });
});
