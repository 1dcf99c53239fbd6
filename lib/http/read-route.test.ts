import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openSession, revokeSession } from "@/lib/auth/sessions";
import { HOT_READ_ROUTES } from "@/lib/background/hot-read-routes";
import { findConversations } from "@/lib/conversations/queries";
import { countViews } from "@/lib/conversations/view-counts";
import { getAuthSecret } from "@/lib/env";
import { findMessages } from "@/lib/messages/queries";
import { listMessagesSchema } from "@/lib/messages/schemas";
import { listConversationsSchema } from "@/lib/conversations/schemas";
import { listPaymentRequests } from "@/lib/payments/list";
import { listPaymentRequestsSchema } from "@/lib/payments/schemas";
import { searchConversations } from "@/lib/search/search";
import { searchSchema } from "@/lib/search/schemas";
import { getReport } from "@/lib/reports/report";
import { forgetRecentReports } from "@/lib/reports/report-cache";
import { makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { testDbKind } from "@/lib/testing/db";
import { useTestDatabase } from "@/lib/testing/use-test-database";
import { acceptsGzip, createNodeReadHandler, defineReadRoute } from "./read-route";
import { API_CSP } from "./security-headers";
import type { Database } from "@/lib/db/types";

// server.mjs's lean read path, over real HTTP and a real database, with next-auth's own session
// cookie: the same answers as the domain functions, the same errors as apiRoute, and anything it
// does not serve left to Next. Only the process-wide database is pointed at the test one.
const current: { database?: Database } = {};
vi.mock("@/lib/db/client", () => ({ getDb: async () => current.database!.db, getDatabase: async () => current.database!, getReadDatabase: async () => current.database! }));

describe(`the lean read path (${testDbKind()})`, () => {
  const t = useTestDatabase();
  beforeAll(() => {
    current.database = t.database;
  });
  const leadsOnly = defineReadRoute({ action: "conversation:assign", run: async () => ({ secret: "for leads" }) });
  let server: Server;
  let base = "";
  const leftToNext: string[] = [];

  beforeAll(async () => {
    // The table server.mjs serves (lib/background/start.ts), and one route only leads may read.
    const handle = createNodeReadHandler([...HOT_READ_ROUTES, { path: "/api/test/leads-only", route: leadsOnly }]);
    server = createServer((req, res) => {
      if (handle(req, res)) return;
      leftToNext.push(`${req.method} ${req.url}`);
      res.writeHead(404).end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function signedIn(userId: string, workspaceId: string, role: "admin" | "lead" | "agent") {
    const sid = await openSession(t.db, { userId, workspaceId });
    const token = await encode({ token: { uid: userId, wid: workspaceId, sid, role }, secret: getAuthSecret(), maxAge: 3600 });
    return { sid, cookie: `theme=dark; next-auth.session-token=${token}` };
  }

  const get = async (path: string, cookie?: string) => {
    const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
    return { status: res.status, headers: res.headers, body: (await res.json().catch(() => null)) as Record<string, unknown> & { error?: { code: string; fields?: Record<string, string[]> } } };
  };

  it("answers as the domain functions do, scoped to the session's workspace", async () => {
    const ws = await makeWorkspace(t.db);
    const other = await makeWorkspace(t.db, "Other Air");
    const agent = await makeUser(t.db, ws.workspace.id, "agent");
    const mine = await makeConversation(t.db, ws, { assigneeId: agent.id });
    const theirs = await makeConversation(t.db, other);
    for (let i = 0; i < 4; i++) await makeConversation(t.db, ws); // a page past 1 KiB: compressed
    const { cookie } = await signedIn(agent.id, ws.workspace.id, "agent");

    const list = await get("/api/conversations?view=all", cookie);
    expect(list.status).toBe(200);
    expect(list.body).toEqual(JSON.parse(JSON.stringify(await findConversations(t.db, ws.workspace.id, agent.id, listConversationsSchema.parse({ view: "all" })))));
    expect(JSON.stringify(list.body)).toContain(mine.conversation.id);
    expect(JSON.stringify(list.body)).not.toContain(theirs.conversation.id);
    // What proxy.ts and apiRoute put on every API answer.
    expect(list.headers.get("cache-control")).toBe("no-store");
    expect(list.headers.get("content-security-policy")).toBe(API_CSP);
    expect(list.headers.get("x-content-type-options")).toBe("nosniff");
    expect(list.headers.get("content-type")).toBe("application/json");
    // Compressed for a browser that asks (fetch decodes it), as Next's server does.
    expect(list.headers.get("content-encoding")).toBe("gzip");
    const plain = await fetch(`${base}/api/conversations?view=all`, { headers: { cookie, "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.json()).toEqual(list.body);

    const counts = await get("/api/conversations/counts", cookie);
    expect(counts).toMatchObject({ status: 200, body: JSON.parse(JSON.stringify(await countViews(t.db, ws.workspace.id, agent.id))) });
    expect(counts.body).toMatchObject({ mine: 1 });

    const detail = await get(`/api/conversations/${mine.conversation.id}`, cookie);
    expect(detail).toMatchObject({ status: 200, body: { id: mine.conversation.id, assignee: { id: agent.id } } });
    const thread = await get(`/api/conversations/${mine.conversation.id}/messages?limit=10`, cookie);
    expect(thread).toMatchObject({ status: 200, body: JSON.parse(JSON.stringify(await findMessages(t.db, ws.workspace.id, mine.conversation.id, listMessagesSchema.parse({ limit: "10" })))) });
    const payments = await get("/api/payment-requests?status=paid", cookie);
    expect(payments).toMatchObject({ status: 200, body: JSON.parse(JSON.stringify(await listPaymentRequests(t.db, { workspaceId: ws.workspace.id, input: listPaymentRequestsSchema.parse({ status: "paid" }) }))) });
    expect(payments.body).toMatchObject({ items: [], totals: [] });
    expect(await get("/api/payment-requests?status=lost", cookie)).toMatchObject({ status: 400, body: { error: { code: "validation_failed" } } });

    // Search: the customer of the agent's conversation is found by name; the other workspace's is not.
    const name = mine.contact.profileName!;
    const found = await get(`/api/search?q=${encodeURIComponent(name)}`, cookie);
    const expected = await searchConversations(t.db, { workspaceId: ws.workspace.id, userId: agent.id, input: searchSchema.parse({ q: name }) });
    expect(found).toMatchObject({ status: 200, body: JSON.parse(JSON.stringify(expected)) });
    expect(found.body).toMatchObject({ contacts: [{ contact: { id: mine.contact.id } }] });
    const theirName = theirs.contact.profileName!;
    expect(await get(`/api/search?q=${encodeURIComponent(theirName)}`, cookie)).toMatchObject({ status: 200, body: { contacts: [], hits: [] } });
    expect(await get("/api/search?q=x", cookie)).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { q: expect.any(Array) } } } });
  });

  it("answers a lead's report as getReport does, leaves its CSV to Next, and refuses an agent", async () => {
    const ws = await makeWorkspace(t.db);
    const other = await makeWorkspace(t.db, "Other Air");
    const lead = await makeUser(t.db, ws.workspace.id, "lead");
    const agent = await makeUser(t.db, ws.workspace.id, "agent");
    await makeConversation(t.db, ws, { assigneeId: agent.id });
    await makeConversation(t.db, other);
    const { cookie } = await signedIn(lead.id, ws.workspace.id, "lead");
    // Yesterday to tomorrow (UTC): today in the workspace's zone, whatever the hour.
    const dayOf = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const [from, day] = [dayOf(-1), dayOf(1)];
    forgetRecentReports();

    const report = await get(`/api/reports?from=${from}&to=${day}`, cookie);
    expect(report.status).toBe(200);
    const expected = JSON.parse(JSON.stringify(await getReport(t.db, { workspaceId: ws.workspace.id, from, to: day, now: new Date(report.body.generatedAt as string) })));
    expect(report.body).toEqual(expected);
    expect(report.body).toMatchObject({ volume: { opened: 1 }, agents: [] });

    leftToNext.length = 0;
    expect((await fetch(`${base}/api/reports?from=${day}&to=${day}&format=csv`, { headers: { cookie } })).status).toBe(404);
    expect(leftToNext).toEqual([`GET /api/reports?from=${day}&to=${day}&format=csv`]);
    expect(await get(`/api/reports?from=${day}&to=2026-02-30`, cookie)).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { to: expect.any(Array) } } } });
    expect(await get(`/api/reports?from=${day}&to=${day}&format=xml`, cookie)).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { format: expect.any(Array) } } } });
    expect(await get(`/api/reports?from=${day}&to=${day}`, (await signedIn(agent.id, ws.workspace.id, "agent")).cookie)).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });

  it("refuses as apiRoute does: 401 without a live session, 403 by role, 400 with field errors, 404 across workspaces", async () => {
    const ws = await makeWorkspace(t.db);
    const other = await makeWorkspace(t.db, "Other Air");
    const agent = await makeUser(t.db, ws.workspace.id, "agent");
    const lead = await makeUser(t.db, ws.workspace.id, "lead");
    const theirs = await makeConversation(t.db, other);
    const { cookie, sid } = await signedIn(agent.id, ws.workspace.id, "agent");

    const anonymous = await get("/api/conversations");
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    expect(anonymous.headers.get("content-security-policy")).toBe(API_CSP);
    expect((await get("/api/conversations", "next-auth.session-token=forged")).status).toBe(401);

    expect(await get("/api/test/leads-only", cookie)).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await get("/api/test/leads-only", (await signedIn(lead.id, ws.workspace.id, "lead")).cookie)).toMatchObject({ status: 200, body: { secret: "for leads" } });

    const badView = await get("/api/conversations?view=everything", cookie);
    expect(badView).toMatchObject({ status: 400, body: { error: { code: "validation_failed" } } });
    expect(Object.keys(badView.body.error!.fields!)).toContain("view");
    expect(await get("/api/conversations/not-a-uuid", cookie)).toMatchObject({ status: 400, body: { error: { code: "validation_failed", fields: { id: ["Not a conversation id."] } } } });
    expect(await get(`/api/conversations/${theirs.conversation.id}`, cookie)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await get(`/api/conversations/${theirs.conversation.id}/messages`, cookie)).status).toBe(404);

    // Each process keeps a session it checked for a few seconds; the revocation's NOTIFY drops it
    // (lib/auth/session-cache.ts), within milliseconds rather than at once.
    await revokeSession(t.db, { sessionId: sid });
    await expect.poll(async () => (await get("/api/conversations", cookie)).status, { timeout: 2_000, interval: 20 }).toBe(401);
  });

  it("leaves to Next what it does not serve: other paths, other methods, trailing slashes, bad escapes", async () => {
    leftToNext.length = 0;
    const id = "8f0b8d5e-3c1a-4c9e-9d2b-0a1b2c3d4e5f";
    for (const path of ["/api/conversations/", `/api/conversations/${id}/notes`, "/api/conversationsx", "/api/conversations/%E0%A4%A", "/api//conversations"]) {
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    }
    await fetch(`${base}/api/conversations/${id}/messages`, { method: "POST", body: "{}" });
    await fetch(`${base}/api/conversations`, { method: "HEAD" });
    expect(leftToNext).toEqual([
      "GET /api/conversations/",
      `GET /api/conversations/${id}/notes`,
      "GET /api/conversationsx",
      "GET /api/conversations/%E0%A4%A",
      "GET /api//conversations",
      `POST /api/conversations/${id}/messages`,
      "HEAD /api/conversations",
    ]);
  });
});

describe("Accept-Encoding", () => {
  it("gzips only for a client that accepts it", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("identity, GZIP")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("x-gzip, deflate")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
