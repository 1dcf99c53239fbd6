import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { lockConversation } from "@/lib/conversations/mutations";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { cancelPaymentRequest } from "./cancel";
import { createPaymentRequest } from "./create";
import { getPaymentRequest } from "./queries";
import { listPaymentRequests } from "./list";
import { refundPaymentRequest } from "./refunds";
import { CSV_COLUMNS, csvField, exportPaymentRequestsCsv, listWaitingRefunds } from "./report";
import { payWithSandboxCard } from "./sandbox-pay";
import { createPaymentRequestSchema, listPaymentRequestsSchema } from "./schemas";
import { compactPaymentTotals } from "./jobs";
import { expirePaymentRequests } from "./expire";
import { eq } from "drizzle-orm";
import { paymentRequests } from "@/lib/db/schema";

// The leads' page: totals per status and currency, filters and keyset paging of the list, the
// refunds waiting for a decision, and the CSV export.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const VISA_OK = { cardNumber: "4242424242424242", expiry: "12/34", cvc: "123", name: "Ada" };

async function world() {
  const db = database.db;
  const ws = await makeWorkspace(db);
  const agent = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Chiara Agent" }));
  const other = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Luca Agent" }));
  const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
  const a = await makeConversation(db, ws);
  const b = await makeConversation(db, ws);
  const create = (actor: Actor, conversationId: string, over: Record<string, unknown> = {}, now = new Date()) =>
    db.transaction(async (tx) => {
      const conv = await lockConversation(tx, ws.workspace.id, conversationId);
      const input = createPaymentRequestSchema.parse({ conversationId, currency: "EUR", lineItems: [{ name: "Upgrade", quantity: 1, unitAmount: 9000 }], description: "Upgrade", ...over });
      return (await createPaymentRequest(tx, { actor, conv, input, idempotencyKey: randomUUID(), requestHash: "h", now })).row;
    });
  const pay = async (id: string) => {
    const detail = await getPaymentRequest(db, { workspaceId: ws.workspace.id, id });
    return payWithSandboxCard(db, { token: detail.payUrl.split("/pay/")[1]!, card: VISA_OK });
  };
  const list = (q: Record<string, unknown> = {}) => listPaymentRequests(db, { workspaceId: ws.workspace.id, input: listPaymentRequestsSchema.parse(q) });
  return { db, ws, agent, other, lead, a: a.conversation, b: b.conversation, contactA: a.contact, create, pay, list };
}

describe(`payments report: list totals and filters (${testDbKind()})`, () => {
  it("the unfiltered totals, kept by triggers (migration 0021), equal a real aggregate after every kind of change, before and after a fold", async () => {
    const w = await world();
    const elsewhere = await world(); // another workspace's requests never count here
    await elsewhere.create(elsewhere.agent, elsewhere.a.id);
    // What the filtered path computes from the rows themselves: an agent filter for each of the two
    // agents, added up, is every request of the workspace.
    const real = async (status?: string) => {
      const parts = [...((await w.list({ agentId: w.agent.userId, ...(status ? { status } : {}) })).totals ?? []), ...((await w.list({ agentId: w.other.userId, ...(status ? { status } : {}) })).totals ?? [])];
      const byKey = new Map<string, { status: string; currency: string; count: number; amountTotal: number; amountCaptured: number; amountRefunded: number }>();
      for (const t of parts) {
        const k = `${t.status}/${t.currency}`;
        const acc = byKey.get(k) ?? { status: t.status, currency: t.currency, count: 0, amountTotal: 0, amountCaptured: 0, amountRefunded: 0 };
        acc.count += t.count;
        acc.amountTotal += t.amountTotal;
        acc.amountCaptured += t.amountCaptured;
        acc.amountRefunded += t.amountRefunded;
        byKey.set(k, acc);
      }
      return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    };
    const check = async () => {
      expect((await w.list()).totals).toEqual(await real());
      expect((await w.list({ status: "pending" })).totals).toEqual(await real("pending"));
      await compactPaymentTotals(w.db);
      expect((await w.list()).totals).toEqual(await real());
    };

    const eur = await w.create(w.agent, w.a.id);
    const jpy = await w.create(w.other, w.b.id, { currency: "JPY", lineItems: [{ name: "Seat", quantity: 2, unitAmount: 1500 }] });
    const late = await w.create(w.agent, w.b.id, { currency: "EUR" }, new Date(Date.now() - 3 * 24 * 3_600_000));
    const dropped = await w.create(w.other, w.a.id, { currency: "KWD", lineItems: [{ name: "Lounge", quantity: 1, unitAmount: 12250 }] });
    await check();
    await w.pay(eur.id);
    await w.pay(jpy.id);
    await check();
    await refundPaymentRequest(w.db, { actor: w.lead, id: jpy.id, input: { amount: 700, reason: "Partly" }, idempotencyKey: "k1" });
    await check();
    await refundPaymentRequest(w.db, { actor: w.lead, id: jpy.id, input: { reason: "The rest" }, idempotencyKey: "k2" });
    await cancelPaymentRequest(w.db, { actor: w.agent, id: dropped.id });
    await check();
    expect(await expirePaymentRequests(w.db, new Date(Date.now() + 30 * 24 * 3_600_000))).toBeGreaterThanOrEqual(1);
    await check();
    await w.db.delete(paymentRequests).where(eq(paymentRequests.id, late.id));
    await check();
    expect((await w.list()).totals!.map((t) => `${t.status}/${t.currency}`)).toEqual(["cancelled/KWD", "paid/EUR", "refunded/JPY"]);
  });

  it("totals per status and currency follow the filters; amounts stay in each currency's minor unit", async () => {
    const w = await world();
    const eur1 = await w.create(w.agent, w.a.id);
    const eur2 = await w.create(w.agent, w.a.id, { lineItems: [{ name: "Bag", quantity: 2, unitAmount: 2550 }] });
    const jpy = await w.create(w.other, w.b.id, { currency: "JPY", lineItems: [{ name: "Seat", quantity: 1, unitAmount: 1500 }] });
    const kwd = await w.create(w.other, w.b.id, { currency: "KWD", lineItems: [{ name: "Lounge", quantity: 1, unitAmount: 12250 }] });
    await w.create(w.agent, w.a.id, { currency: "JPY", lineItems: [{ name: "Meal", quantity: 3, unitAmount: 800 }] });
    await w.pay(eur1.id);
    await w.pay(jpy.id);
    await cancelPaymentRequest(w.db, { actor: w.agent, id: eur2.id });
    await refundPaymentRequest(w.db, { actor: w.lead, id: jpy.id, input: { amount: 500, reason: "Partly" }, idempotencyKey: "r1" });

    const all = await w.list();
    expect(all.items).toHaveLength(5);
    expect(all.totals).toEqual([
      { status: "cancelled", currency: "EUR", count: 1, amountTotal: 5100, amountCaptured: 0, amountRefunded: 0 },
      { status: "paid", currency: "EUR", count: 1, amountTotal: 9000, amountCaptured: 9000, amountRefunded: 0 },
      { status: "partially_refunded", currency: "JPY", count: 1, amountTotal: 1500, amountCaptured: 1500, amountRefunded: 500 },
      { status: "pending", currency: "JPY", count: 1, amountTotal: 2400, amountCaptured: 0, amountRefunded: 0 },
      { status: "pending", currency: "KWD", count: 1, amountTotal: 12250, amountCaptured: 0, amountRefunded: 0 },
    ]);

    // Each filter narrows the rows and the totals alike.
    const byAgent = await w.list({ agentId: w.other.userId });
    expect(byAgent.items.map((i) => i.id).sort()).toEqual([jpy.id, kwd.id].sort());
    expect(byAgent.totals!.map((t) => `${t.status}/${t.currency}`)).toEqual(["partially_refunded/JPY", "pending/KWD"]);
    const byConversation = await w.list({ conversationId: w.a.id, status: "pending" });
    expect(byConversation.items.map((i) => i.currency)).toEqual(["JPY"]);
    expect(byConversation.totals).toEqual([{ status: "pending", currency: "JPY", count: 1, amountTotal: 2400, amountCaptured: 0, amountRefunded: 0 }]);
    // The list names the customer and the agent as they are now.
    const row = all.items.find((i) => i.id === kwd.id)!;
    expect(row).toMatchObject({ createdByName: "Luca Agent", contactName: expect.stringMatching(/^Customer /) });
    // A list row is the request's summary, field for field what its detail says; the rest is the detail's.
    const refunded = all.items.find((i) => i.id === jpy.id)!;
    const detail = await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: jpy.id });
    expect(Object.keys(refunded).sort()).toEqual(
      ["amountCaptured", "amountRefunded", "amountTotal", "bookingId", "contactId", "contactName", "conversationId", "createdAt", "createdBy", "createdByName", "currency", "description", "expiresAt", "id", "paidAt", "reference", "status"],
    );
    const summary: Record<string, unknown> = { ...refunded };
    delete summary.contactName;
    delete summary.createdByName;
    expect(detail).toMatchObject(summary);
    expect(summary).toMatchObject({ status: "partially_refunded", amountCaptured: 1500, amountRefunded: 500, paidAt: expect.any(String) });
  });

  it("filters by a date range ([from, to)) and pages by keyset without repeating or skipping a row", async () => {
    const w = await world();
    const day = (d: number) => new Date(Date.UTC(2026, 2, d, 10));
    const made = [];
    for (let d = 1; d <= 7; d++) made.push(await w.create(w.agent, w.a.id, { expiresAt: new Date(day(d).getTime() + 86_400_000).toISOString() }, day(d)));
    const range = await w.list({ from: day(2).toISOString(), to: day(5).toISOString() });
    expect(range.items.map((i) => i.id)).toEqual([made[3]!.id, made[2]!.id, made[1]!.id]);
    expect(range.totals).toEqual([expect.objectContaining({ status: "pending", count: 3, amountTotal: 27000 })]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await w.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      // Totals come with the first page only.
      expect(page.totals === undefined).toBe(pages > 0);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse().map((m) => m.id));
  });
});

describe(`payments report: refunds waiting for a decision (${testDbKind()})`, () => {
  it("lists only requested refunds of this workspace, oldest first, with what a lead decides on", async () => {
    const w = await world();
    const r = await w.create(w.agent, w.a.id);
    await w.pay(r.id);
    const first = await refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 2000, reason: "Seat broken" }, idempotencyKey: "a" });
    const second = await refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 1000, reason: "Late" }, idempotencyKey: "b" });
    // A lead's own refund goes straight through: nothing waits.
    await refundPaymentRequest(w.db, { actor: w.lead, id: r.id, input: { amount: 500, reason: "Goodwill" }, idempotencyKey: "c" });
    const other = await world();
    const theirs = await other.create(other.agent, other.a.id);
    await other.pay(theirs.id);
    await refundPaymentRequest(other.db, { actor: other.agent, id: theirs.id, input: { amount: 100, reason: "x" }, idempotencyKey: "d" });

    const { items } = await listWaitingRefunds(w.db, { workspaceId: w.ws.workspace.id });
    expect(items.map((i) => i.id)).toEqual([first.refund.id, second.refund.id]);
    expect(items[0]).toMatchObject({
      amount: 2000,
      reason: "Seat broken",
      status: "requested",
      paymentRequestId: r.id,
      conversationId: w.a.id,
      reference: r.reference,
      currency: "EUR",
      amountTotal: 9000,
      amountRefundable: 8500,
      requestedByName: "Chiara Agent",
      contactName: w.contactA.profileName,
    });
  });
});

describe(`payments report: CSV export (${testDbKind()})`, () => {
  it("escapes quotes, separators and line breaks, and defuses spreadsheet formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvField("+39 06")).toBe("'+39 06");
    expect(csvField("-5")).toBe("'-5");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("90.00", { text: false })).toBe("90.00");
    expect(csvField(null)).toBe("");
  });

  it("exports every filtered request (all pages), newest first, amounts as exact decimals of each currency", async () => {
    const w = await world();
    const eur = await w.create(w.agent, w.a.id, { description: 'Seat "12A", window\nAZ 610', lineItems: [{ name: "Seat upgrade", quantity: 2, unitAmount: 4505 }], taxRate: 22 });
    const jpy = await w.create(w.other, w.b.id, { currency: "JPY", description: "=cmd|' /C calc'!A0", lineItems: [{ name: "Seat", quantity: 1, unitAmount: 1500 }] });
    const kwd = await w.create(w.other, w.b.id, { currency: "KWD", description: "Lounge", lineItems: [{ name: "Lounge", quantity: 1, unitAmount: 12250 }] });
    await w.pay(eur.id);

    const { csv, rows, truncated } = await exportPaymentRequestsCsv(w.db, { workspaceId: w.ws.workspace.id, input: {} });
    expect({ rows, truncated }).toEqual({ rows: 3, truncated: false });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const lines = parseCsv(csv.slice(1));
    expect(lines[0]).toEqual([...CSV_COLUMNS]);
    const col = (line: string[], name: (typeof CSV_COLUMNS)[number]) => line[CSV_COLUMNS.indexOf(name)];
    expect(lines.slice(1).map((l) => col(l, "id"))).toEqual([kwd.id, jpy.id, eur.id]);
    const [k, j, e] = lines.slice(1) as [string[], string[], string[]];
    expect([col(k, "currency"), col(k, "amount_total")]).toEqual(["KWD", "12.250"]);
    expect([col(j, "currency"), col(j, "amount_total"), col(j, "description")]).toEqual(["JPY", "1500", "'=cmd|' /C calc'!A0"]);
    // 2 × 45.05 = 90.10, 22 % tax on it = 19.82 (rounded once), total 109.92.
    expect([col(e, "amount_subtotal"), col(e, "amount_tax"), col(e, "amount_total"), col(e, "amount_captured"), col(e, "tax_rate_percent")]).toEqual(["90.10", "19.82", "109.92", "109.92", "22"]);
    expect(col(e, "description")).toBe('Seat "12A", window\nAZ 610');
    expect(col(e, "line_items")).toBe("2 × Seat upgrade @ 45.05");
    expect([col(e, "status"), col(e, "agent"), col(e, "conversation_id")]).toEqual(["paid", "Chiara Agent", w.a.id]);
    expect(col(e, "paid_at")).toMatch(/^\d{4}-\d\d-\d\dT/);

    const filtered = await exportPaymentRequestsCsv(w.db, { workspaceId: w.ws.workspace.id, input: { agentId: w.other.userId, status: "pending" } });
    expect(parseCsv(filtered.csv.slice(1)).slice(1).map((l) => col(l, "id"))).toEqual([kwd.id, jpy.id]);
    // Another workspace exports none of these.
    const stranger = await world();
    const theirs = await exportPaymentRequestsCsv(stranger.db, { workspaceId: stranger.ws.workspace.id, input: {} });
    expect(theirs.rows).toBe(0);
  });
});

/** A strict RFC 4180 reader for the assertions (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || record.length) throw new Error("the CSV does not end with CRLF");
  return records;
}
