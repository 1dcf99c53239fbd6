import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, expect, signedInApi, test, USERS } from "./fixtures";

// The authorization matrix, generated from the route files: every /api route and method, called
// as nobody, an agent, a lead, an admin and an admin of ANOTHER workspace. State-changing calls
// carry an empty body, so an allowed caller gets 400 (validation runs after authorization) and
// nothing is written. A route file or method missing from EXPECTED fails the test: a new route
// cannot be forgotten. The second test proves workspace isolation with valid requests.

type Who = "anon" | "agent" | "lead" | "admin" | "outsider";
type Row = Record<Who, number>;
const all = (n: number): Row => ({ anon: 401, agent: n, lead: n, admin: n, outsider: n });

const EXPECTED: Record<string, Row | "skip"> = {
  // Bookings: anyone reads (a listing without conversationId/contactId is 400), leads and admins write.
  "GET /api/bookings": all(400),
  "POST /api/bookings": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  // :id is a conversation id here, never a booking's: 404 after authorization; an empty PATCH is 400.
  "GET /api/bookings/:id": all(404),
  "PATCH /api/bookings/:id": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "GET /api/channels": { anon: 401, agent: 403, lead: 200, admin: 200, outsider: 200 },
  // An unknown channel id: admins pass authorization (404), nothing is refreshed.
  // Admins pass authorization; the empty body is then refused (400), nothing changes.
  "PATCH /api/channels/:id": { anon: 401, agent: 403, lead: 403, admin: 400, outsider: 400 },
  "POST /api/channels/:id/refresh": { anon: 401, agent: 403, lead: 403, admin: 404, outsider: 404 },
  "GET /api/conversations": all(200),
  "GET /api/conversations/counts": all(200),
  "GET /api/conversations/:id": { ...all(200), outsider: 404 },
  "PATCH /api/conversations/:id": all(400),
  // Bulk: anyone may ask (each conversation then follows its own rules); an empty body is 400.
  "POST /api/conversations/bulk": all(400),
  "GET /api/conversations/:id/messages": { ...all(200), outsider: 404 },
  "POST /api/conversations/:id/messages": all(400),
  "POST /api/conversations/:id/messages/:messageId/retry": { ...all(409), outsider: 404 },
  "POST /api/conversations/:id/read": { ...all(200), outsider: 404 },
  "POST /api/conversations/:id/typing": { ...all(200), outsider: 404 },
  "POST /api/conversations/:id/templates": all(400),
  // Presence: anyone who reads the thread; an empty heartbeat lacks `typing` (400 before the lookup).
  "GET /api/conversations/:id/viewers": { ...all(200), outsider: 404 },
  "PUT /api/conversations/:id/viewers": all(400),
  "DELETE /api/conversations/:id/viewers": { ...all(200), outsider: 404 },
  // Internal notes: every role writes them; an empty body has no text.
  "POST /api/conversations/:id/notes": all(400),
  // Everyone's own notifications; marking read needs { ids } or { all: true }.
  "GET /api/notifications": all(200),
  "POST /api/notifications/read": all(400),
  // Team rules (only the assignee replies): leads and admins; an empty change is refused.
  "PATCH /api/workspace": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  // Boarding passes: no leg/passenger in the query (or body) is a 400 once authorized.
  "POST /api/conversations/:id/boarding-pass": all(400),
  "GET /api/bookings/:id/boarding-pass": all(400),
  // Public by design (WhatsApp fetches it): the signed token is the authorization, a wrong one is 404 for everybody.
  "GET /api/boarding-passes/:token": { anon: 404, agent: 404, lead: 404, admin: 404, outsider: 404 },
  // Search without words is a 400 once authorized.
  "GET /api/search": all(400),
  // Labels: everyone lists and applies them, leads and admins manage the set. The conversation id
  // filled in is no label (404); empty bodies are 400.
  "GET /api/labels": all(200),
  "POST /api/labels": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "PATCH /api/labels/:id": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "DELETE /api/labels/:id": { anon: 401, agent: 403, lead: 404, admin: 404, outsider: 404 },
  "PUT /api/conversations/:id/labels": all(400),
  "GET /api/me": all(200),
  "PATCH /api/me": all(400),
  "PUT /api/me/availability": all(400),
  "GET /api/media/:id": all(404),
  "GET /api/teammates": all(200),
  "GET /api/teams": all(200),
  // Running the team (team:manage): leads and admins. The lead's board; a team's auto-assign (the
  // conversation id filled in is no team, but the empty body is refused first); a member's
  // capacity and "back to the queue" (`:userId` stays a placeholder: 400 once authorized).
  "GET /api/team": { anon: 401, agent: 403, lead: 200, admin: 200, outsider: 200 },
  "PATCH /api/teams/:id": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "PATCH /api/teams/members/:userId": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "POST /api/teams/members/:userId/release": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "GET /api/templates": all(200),
  // The conversation id filled in is no template: 404 for every signed-in caller.
  "GET /api/templates/:id": all(404),
  "POST /api/templates": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "PATCH /api/templates/:id": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  // The demo's fake serves the list; the outsider's workspace has no account: nothing to sync.
  "POST /api/templates/sync": { anon: 401, agent: 403, lead: 200, admin: 200, outsider: 200 },
  "GET /api/snippets": all(200),
  "POST /api/snippets": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "PATCH /api/snippets/:id": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  // The conversation id filled in is no snippet.
  "DELETE /api/snippets/:id": { anon: 401, agent: 403, lead: 404, admin: 404, outsider: 404 },
  // Payment requests. `:id` is filled with a conversation id (no request has it: 404); the
  // `:refundId` placeholder is not a uuid (400 once authorized); an empty body lacks the
  // Idempotency-Key and the fields (400).
  "GET /api/payment-requests": all(200),
  "POST /api/payment-requests": all(400),
  "GET /api/payment-requests/:id": all(404),
  "POST /api/payment-requests/:id/cancel": all(404),
  "POST /api/payment-requests/:id/refund": all(400),
  "POST /api/payment-requests/:id/refunds/:refundId/approve": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  "POST /api/payment-requests/:id/refunds/:refundId/decline": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  // The leads' payments page: the refunds waiting for a decision and the CSV export.
  "GET /api/payment-requests/refunds": { anon: 401, agent: 403, lead: 200, admin: 200, outsider: 200 },
  "GET /api/payment-requests/export": { anon: 401, agent: 403, lead: 200, admin: 200, outsider: 200 },
  // Public, token-authenticated: a wrong token is 404 for everyone; the card form refuses an empty body.
  "GET /api/pay/:token": { anon: 404, agent: 404, lead: 404, admin: 404, outsider: 404 },
  "POST /api/pay/:token/sandbox": { anon: 400, agent: 400, lead: 400, admin: 400, outsider: 400 },
  // Signed by the sandbox provider: unsigned is 400 for everyone, and nothing is stored.
  "POST /api/webhooks/payments/sandbox": { anon: 400, agent: 400, lead: 400, admin: 400, outsider: 400 },
  // Stripe is not configured on the e2e server: its webhook does not exist there.
  "POST /api/webhooks/stripe": { anon: 404, agent: 404, lead: 404, admin: 404, outsider: 404 },
  // Reports are for leads and admins; without from/to the query is refused (400) once authorized.
  "GET /api/reports": { anon: 401, agent: 403, lead: 400, admin: 400, outsider: 400 },
  // For load balancers: no session, no data, the same answer for everyone (200 while the database answers).
  "GET /api/health": { anon: 200, agent: 200, lead: 200, admin: 200, outsider: 200 },
  // Not session routes: next-auth's own, the signed webhook, the demo's fake, the catch-all 404, the SSE stream (below).
  "GET /api/auth/*": "skip",
  "POST /api/auth/*": "skip",
  "POST /api/webhooks/whatsapp": "skip",
  "GET /api/webhooks/whatsapp": "skip",
  "GET /api/fake-graph/*": "skip",
  "POST /api/fake-graph/*": "skip",
  "DELETE /api/fake-graph/*": "skip",
  "GET /api/events": "skip",
};

function routeFiles(dir = "app/api"): { route: string; methods: string[] }[] {
  const out: { route: string; methods: string[] }[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...routeFiles(p));
    else if (name === "route.ts") {
      const src = readFileSync(p, "utf8");
      const methods = [...src.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      const route = `/${path.dirname(p).replace(/\\/g, "/")}`
        .replace(/^\/app/, "")
        .replace(/\[\.\.\.[^\]]+\]/g, "*")
        .replace(/\[([^\]]+)\]/g, ":$1");
      out.push({ route, methods });
    }
  }
  return out;
}


test.describe("authorization", () => {
  test("every route × method × role answers as the matrix says", async ({ baseURL }) => {
    const routes = routeFiles().filter((r) => r.route !== "/api/*");
    const callers: Record<Who, APIRequestContext> = {
      anon: await playwrightRequest.newContext({ baseURL }),
      agent: await signedInApi(baseURL!, USERS.agents.chiara, DEMO_PASSWORD),
      lead: await signedInApi(baseURL!, USERS.leads.elena, DEMO_PASSWORD),
      admin: await signedInApi(baseURL!, USERS.admin, DEMO_PASSWORD),
      outsider: await signedInApi(baseURL!, "outsider@example.test", "outsider-e2e-password"),
    };
    // Real ids of the demo workspace: a delivered outbound message (retry → 409), a channel.
    const convs = await (await callers.admin.get("/api/conversations?view=all&limit=20")).json();
    let conversationId = "";
    let messageId = "";
    for (const c of convs.items as { id: string }[]) {
      const page = await (await callers.admin.get(`/api/conversations/${c.id}/messages?limit=50`)).json();
      const sent = (page.items as { id: string; direction: string; status: string }[]).find((m) => m.direction === "outbound" && m.status !== "failed" && m.status !== "queued");
      if (sent) {
        conversationId = c.id;
        messageId = sent.id;
        break;
      }
    }
    expect(messageId, "a delivered reply in the demo data").not.toBe("");
    const fill = (route: string) =>
      route.replace(":messageId", messageId).replace(":id", route.startsWith("/api/channels") ? "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" : route.startsWith("/api/media") ? "0f8fad5b-d9cb-469f-a165-70867728950e" : conversationId);

    const missing: string[] = [];
    const wrong: string[] = [];
    for (const { route, methods } of routes) {
      for (const method of methods) {
        const key = `${method} ${route}`;
        const expected = EXPECTED[key];
        if (!expected) {
          missing.push(key);
          continue;
        }
        if (expected === "skip") continue;
        for (const who of Object.keys(expected) as Who[]) {
          const url = fill(route);
          const res = await callers[who].fetch(url, {
            method,
            ...(method === "GET" ? {} : { headers: { "content-type": "application/json" }, data: "{}" }),
          });
          if (res.status() !== expected[who]) wrong.push(`${key} as ${who}: ${res.status()} (expected ${expected[who]})`);
          if (res.status() >= 400) {
            const body = await res.json().catch(() => null);
            if (!body?.error?.code) wrong.push(`${key} as ${who}: ${res.status()} without the JSON error shape`);
          }
        }
      }
    }
    expect(missing, "routes missing from the authorization matrix").toEqual([]);
    expect(wrong).toEqual([]);
    // The SSE stream: 401 for nobody (a signed-in stream stays open, so it is checked in the realtime specs).
    expect((await callers.anon.get("/api/events")).status()).toBe(401);
    for (const c of Object.values(callers)) await c.dispose();
  });

  test("another workspace's ids are 404 even with valid requests, and its lists show none of them", async ({ baseURL }) => {
    const admin = await signedInApi(baseURL!, USERS.admin, DEMO_PASSWORD);
    const outsider = await signedInApi(baseURL!, "outsider@example.test", "outsider-e2e-password");
    const demo = await (await admin.get("/api/conversations?view=all&limit=5")).json();
    const id = demo.items[0].id as string;
    const json = { headers: { "content-type": "application/json" } };
    const attempts = [
      outsider.get(`/api/conversations/${id}`),
      outsider.get(`/api/conversations/${id}/messages`),
      outsider.patch(`/api/conversations/${id}`, { ...json, data: { priority: "urgent" } }),
      outsider.post(`/api/conversations/${id}/messages`, { ...json, data: { text: "not yours" } }),
      outsider.post(`/api/conversations/${id}/templates`, { ...json, data: { templateId: "00000000-0000-4000-8000-000000000000", values: {} } }),
      outsider.post(`/api/conversations/${id}/read`, json),
      outsider.post(`/api/channels/${(await (await admin.get("/api/channels")).json()).items[0].id}/refresh`, json),
    ];
    // A booking of the demo workspace (most demo customers have one).
    let bookingId = "";
    for (const c of demo.items as { id: string }[]) {
      const list = await (await admin.get(`/api/bookings?conversationId=${c.id}`)).json();
      if (list.items?.length) {
        bookingId = list.items[0].id;
        break;
      }
    }
    expect(bookingId, "a booking in the demo data").not.toBe("");
    attempts.push(
      outsider.get(`/api/bookings?conversationId=${id}`),
      outsider.get(`/api/bookings/${bookingId}`),
      outsider.patch(`/api/bookings/${bookingId}`, { ...json, data: { status: "cancelled" } }),
    );
    // Running the demo's team from another workspace: its teams and people do not exist there.
    const teamId = (await (await admin.get("/api/teams")).json()).items[0].id as string;
    const userId = (await (await admin.get("/api/teammates")).json()).items[0].id as string;
    attempts.push(
      outsider.patch(`/api/teams/${teamId}`, { ...json, data: { autoAssign: true } }),
      outsider.patch(`/api/teams/members/${userId}`, { ...json, data: { capacity: 1 } }),
      outsider.post(`/api/teams/members/${userId}/release`, json),
    );
    for (const res of await Promise.all(attempts)) expect(res.status()).toBe(404);
    const bulk = await outsider.post("/api/conversations/bulk", { ...json, data: { ids: [id], status: "resolved" } });
    expect((await bulk.json()).results).toEqual([expect.objectContaining({ id, ok: false, status: 404 })]);
    const theirs = await (await outsider.get("/api/conversations?view=all&limit=100")).json();
    expect((theirs.items as { id: string }[]).map((c) => c.id)).not.toContain(id);
    const after = await (await admin.get(`/api/conversations/${id}`)).json();
    expect(after.priority).not.toBe("urgent");
    await admin.dispose();
    await outsider.dispose();
  });
});
