import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { workspaces } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { reportToCsv } from "./csv";
import { getReport, type Report } from "./report";
import { reportQuerySchema } from "./schemas";
import { addConversation, addPayment } from "./test-world";

// A week in Rome (CET, UTC+1 in January): Monday 2026-01-05 … Sunday 2026-01-11. Every figure
// below is computed by hand from the conversations in `build`.
const rome = (local: string) => new Date(new Date(`${local.replace(" ", "T")}:00Z`).getTime() - 3_600_000);
const RANGE = { from: "2026-01-05", to: "2026-01-11" };
const NOW = new Date("2026-01-20T12:00:00Z");

let database: Database;
let db: Db;
const ids = { ws: "", other: "", alice: "", bob: "", t1: "", t2: "", otherTeam: "" };

async function build() {
  const ws = await makeWorkspace(db, "Report Air");
  await db.update(workspaces).set({ timezone: "Europe/Rome" }).where(eq(workspaces.id, ws.workspace.id));
  const alice = await makeUser(db, ws.workspace.id, "agent");
  const bob = await makeUser(db, ws.workspace.id, "agent");
  const t1 = await makeTeam(db, ws.workspace.id, "Bookings");
  const t2 = await makeTeam(db, ws.workspace.id, "Payments");
  Object.assign(ids, { ws: ws.workspace.id, alice: alice.id, bob: bob.id, t1: t1.id, t2: t2.id });
  const A = { assigneeId: alice.id, teamId: t1.id };
  const B = { assigneeId: bob.id, teamId: t2.id };

  // C1 Mon 09:00, answered in 10 min, resolved after 1 h, rated 5; a EUR 120 payment, 20 refunded.
  const c1 = await addConversation(db, ws, {
    ...A,
    messages: [{ at: rome("2026-01-05 09:00"), dir: "in" }, { at: rome("2026-01-05 09:10"), dir: "out" }],
    resolvedAt: rome("2026-01-05 10:00"),
    csat: { requestedAt: rome("2026-01-05 10:00"), rating: 5 },
  });
  await addPayment(db, ws, c1, { currency: "EUR", total: 12000, createdAt: rome("2026-01-05 09:20"), createdBy: alice.id, paidAt: rome("2026-01-05 09:40"), refunded: 2000 });
  // C2 Mon 23:30 (22:30 UTC), answered 00:10 Tuesday (40 min), resolved 00:30 Tuesday in Rome (still Monday in UTC), rated 3.
  await addConversation(db, ws, {
    ...A,
    messages: [{ at: rome("2026-01-05 23:30"), dir: "in" }, { at: rome("2026-01-06 00:10"), dir: "out" }],
    resolvedAt: rome("2026-01-06 00:30"),
    csat: { requestedAt: rome("2026-01-06 00:30"), rating: 3 },
  });
  // C3 Tue 00:30 in Rome = Monday 23:30 UTC; answered in 20 min; a GBP 30 request paid after the range.
  const c3 = await addConversation(db, ws, { ...B, messages: [{ at: rome("2026-01-06 00:30"), dir: "in" }, { at: rome("2026-01-06 00:50"), dir: "out" }] });
  await addPayment(db, ws, c3, { currency: "GBP", total: 3000, createdAt: rome("2026-01-06 01:00"), createdBy: bob.id, paidAt: rome("2026-01-12 10:00") });
  // C4 Wed 10:00, nobody ever answers: a miss when the window closes, Thu 10:00.
  await addConversation(db, ws, { messages: [{ at: rome("2026-01-07 10:00"), dir: "in" }] });
  // C5 Wed 12:00 and 12:05 (one wait), a failed reply at 14:05 (first response: 2 h 5 min), the
  // real one Thursday 13:00, 25 h later: a miss closing Thu 12:05. Resolved Thu 14:00 (26 h). Asked, never rated.
  const c5 = await addConversation(db, ws, {
    ...B,
    messages: [
      { at: rome("2026-01-07 12:00"), dir: "in" },
      { at: rome("2026-01-07 12:05"), dir: "in" },
      { at: rome("2026-01-07 14:05"), dir: "out", failed: true },
      { at: rome("2026-01-08 13:00"), dir: "out" },
    ],
    resolvedAt: rome("2026-01-08 14:00"),
    csat: { requestedAt: rome("2026-01-08 14:00") },
  });
  await addPayment(db, ws, c5, { currency: "EUR", total: 5000, createdAt: rome("2026-01-07 14:10"), createdBy: bob.id });
  // C6 Fri 08:00, answered 08:20, the customer's "thanks" 08:25 needs no answer: resolved 08:30, rated 4.
  await addConversation(db, ws, {
    ...A,
    messages: [{ at: rome("2026-01-09 08:00"), dir: "in" }, { at: rome("2026-01-09 08:20"), dir: "out" }, { at: rome("2026-01-09 08:25"), dir: "in" }],
    resolvedAt: rome("2026-01-09 08:30"),
    csat: { requestedAt: rome("2026-01-09 08:30"), rating: 4 },
  });
  // C7 opened Sunday before the range, resolved Mon 08:00 (12 h), rated 1; its EUR 80 is paid inside the range.
  const c7 = await addConversation(db, ws, {
    ...A,
    messages: [{ at: rome("2026-01-04 20:00"), dir: "in" }, { at: rome("2026-01-04 20:05"), dir: "out" }],
    resolvedAt: rome("2026-01-05 08:00"),
    csat: { requestedAt: rome("2026-01-05 08:00"), rating: 1 },
  });
  await addPayment(db, ws, c7, { currency: "EUR", total: 8000, createdAt: rome("2026-01-04 20:10"), createdBy: alice.id, paidAt: rome("2026-01-05 07:00") });
  // C8 Sun 23:00, answered 23:20; the customer writes again after midnight (outside the range).
  await addConversation(db, ws, {
    ...A,
    messages: [{ at: rome("2026-01-11 23:00"), dir: "in" }, { at: rome("2026-01-11 23:20"), dir: "out" }, { at: rome("2026-01-12 00:30"), dir: "in" }],
  });
  // C9 Sat 10:00: only the welcome automation answers: a miss closing Sun 10:00, no first response.
  await addConversation(db, ws, { ...B, messages: [{ at: rome("2026-01-10 10:00"), dir: "in" }, { at: rome("2026-01-10 10:00"), dir: "auto" }] });
  // C10 Sat 15:00, unassigned and teamless; Alice answers at 15:30.
  await addConversation(db, ws, { messages: [{ at: rome("2026-01-10 15:00"), dir: "in" }, { at: rome("2026-01-10 15:30"), dir: "out", by: alice.id }] });

  // Another workspace in New York, busy the same week: none of it may show in Report Air's figures.
  const other = await makeWorkspace(db, "Other Air");
  await db.update(workspaces).set({ timezone: "America/New_York" }).where(eq(workspaces.id, other.workspace.id));
  const carol = await makeUser(db, other.workspace.id, "agent");
  const otherTeam = await makeTeam(db, other.workspace.id, "Bookings");
  Object.assign(ids, { other: other.workspace.id, otherTeam: otherTeam.id });
  // 03:00 UTC Monday is Sunday 22:00 in New York: outside the other workspace's range.
  await addConversation(db, other, { assigneeId: carol.id, messages: [{ at: new Date("2026-01-05T03:00:00Z"), dir: "in" }, { at: new Date("2026-01-05T03:05:00Z"), dir: "out" }] });
  const busy = await addConversation(db, other, {
    assigneeId: carol.id,
    teamId: otherTeam.id,
    messages: [{ at: new Date("2026-01-06T15:00:00Z"), dir: "in" }, { at: new Date("2026-01-06T15:01:00Z"), dir: "out" }],
    resolvedAt: new Date("2026-01-06T15:02:00Z"),
    csat: { requestedAt: new Date("2026-01-06T15:02:00Z"), rating: 2 },
  });
  await addPayment(db, other, busy, { currency: "USD", total: 999, createdAt: new Date("2026-01-06T15:01:30Z"), createdBy: carol.id, paidAt: new Date("2026-01-06T15:01:40Z") });
}

const report = (over: Partial<Parameters<typeof getReport>[1]> = {}) => getReport(db, { workspaceId: ids.ws, ...RANGE, now: NOW, ...over });
const days = (r: Report, pick: (d: Report["volume"]["days"][number]) => number) => r.volume.days.map(pick);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await build();
});
afterAll(async () => {
  await database?.close();
});

describe("getReport", () => {
  it("counts conversations opened and resolved per day of the workspace's zone, empty days 0", async () => {
    const r = await report();
    expect(r.range).toEqual({ ...RANGE, days: 7, timeZone: "Europe/Rome" });
    expect(r.volume.days.map((d) => d.day)).toEqual(["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09", "2026-01-10", "2026-01-11"]);
    expect(days(r, (d) => d.opened)).toEqual([2, 1, 2, 0, 1, 2, 1]);
    expect(days(r, (d) => d.resolved)).toEqual([2, 1, 0, 1, 1, 0, 0]);
    expect([r.volume.opened, r.volume.resolved]).toEqual([9, 5]);
  });

  it("gives exact medians and 90th percentiles of first response and resolution", async () => {
    const r = await report();
    // Samples: 600, 1200, 1200, 1200, 1800, 2400, 7500 → median the 4th; p90 at 5.4: 2400 + 0.4 × 5100.
    expect(r.firstResponse.overall).toEqual({ count: 7, median: 1200, p90: 4440 });
    expect(r.firstResponse.days).toEqual([
      { day: "2026-01-05", count: 2, median: 1500, p90: 2220 },
      { day: "2026-01-06", count: 1, median: 1200, p90: 1200 },
      { day: "2026-01-07", count: 1, median: 7500, p90: 7500 },
      { day: "2026-01-08", count: 0, median: null, p90: null },
      { day: "2026-01-09", count: 1, median: 1200, p90: 1200 },
      { day: "2026-01-10", count: 1, median: 1800, p90: 1800 },
      { day: "2026-01-11", count: 1, median: 1200, p90: 1200 },
    ]);
    // 1800, 3600, 3600, 43200, 93600 → median 3600; p90 at 3.6: 43200 + 0.6 × 50400.
    expect(r.resolution).toEqual({ count: 5, median: 3600, p90: 73440 });
  });

  it("maps customer messages to weekday × hour in the workspace's zone", async () => {
    const { heatmap } = await report();
    expect(heatmap.total).toBe(11);
    expect(heatmap.max).toBe(2);
    const at = (dow: number, hour: number) => heatmap.cells[dow]![hour];
    expect([at(0, 9), at(0, 23), at(1, 0), at(2, 10), at(2, 12), at(4, 8), at(5, 10), at(5, 15), at(6, 23)]).toEqual([1, 1, 1, 1, 2, 2, 1, 1, 1]);
    // C3 is Monday 23:30 in UTC, Tuesday 00:30 in Rome.
    expect(at(0, 22)).toBe(0);
  });

  it("counts a window miss once per unanswered wait, on the day the window closed", async () => {
    const r = await report();
    expect(r.windowMisses.days.map((d) => d.count)).toEqual([0, 0, 0, 2, 0, 0, 1]);
    expect(r.windowMisses.total).toBe(3);
    // Thursday 11:00 in Rome: C4's window (closed 10:00) is missed, C5's (12:05) is still open.
    const early = await report({ now: rome("2026-01-08 11:00") });
    expect(early.windowMisses.total).toBe(1);
  });

  it("sums customer satisfaction of the requests sent in the range", async () => {
    const { csat } = await report();
    expect(csat).toEqual({ requested: 5, answered: 4, responseRate: 0.8, average: 3.25, distribution: [1, 0, 1, 1, 1] });
  });

  it("sums payments asked for and collected per currency", async () => {
    const r = await report();
    expect(r.payments).toEqual([
      { currency: "EUR", requestedCount: 2, requestedAmount: 17000, paidCount: 2, collectedAmount: 20000, refundedAmount: 2000 },
      { currency: "GBP", requestedCount: 1, requestedAmount: 3000, paidCount: 0, collectedAmount: 0, refundedAmount: 0 },
    ]);
  });

  it("lists each assignee with handled, median first response, resolved and CSAT", async () => {
    const r = await report();
    expect(r.agents.map((a) => ({ ...a, name: undefined }))).toEqual([
      { userId: ids.alice, handled: 4, firstResponseMedian: 1200, resolved: 4, csatAverage: 3.25, csatAnswered: 4 },
      { userId: ids.bob, handled: 2, firstResponseMedian: 4350, resolved: 1, csatAverage: null, csatAnswered: 0 },
      { userId: null, handled: 1, firstResponseMedian: 1800, resolved: 0, csatAverage: null, csatAnswered: 0 },
    ]);
  });

  it("filters by team and by agent, and an agent's row equals the report filtered by that agent", async () => {
    const team = await report({ teamId: ids.t1 });
    expect(days(team, (d) => d.opened)).toEqual([2, 0, 0, 0, 1, 0, 1]);
    expect(days(team, (d) => d.resolved)).toEqual([2, 1, 0, 0, 1, 0, 0]);
    expect(team.firstResponse.overall).toEqual({ count: 4, median: 1200, p90: 2040 });
    expect(team.windowMisses.total).toBe(0);
    expect(team.agents.map((a) => a.userId)).toEqual([ids.alice]);
    expect(team.payments.map((p) => [p.currency, p.requestedCount, p.paidCount])).toEqual([["EUR", 1, 2]]);

    const bob = await report({ agentId: ids.bob });
    expect(bob.volume.opened).toBe(3);
    expect(bob.volume.resolved).toBe(1);
    expect(bob.windowMisses.days.map((d) => d.count)).toEqual([0, 0, 0, 1, 0, 0, 1]);
    expect(bob.firstResponse.overall.median).toBe(4350);
    expect(bob.heatmap.total).toBe(4);
    expect(bob.payments).toEqual([
      { currency: "EUR", requestedCount: 1, requestedAmount: 5000, paidCount: 0, collectedAmount: 0, refundedAmount: 0 },
      { currency: "GBP", requestedCount: 1, requestedAmount: 3000, paidCount: 0, collectedAmount: 0, refundedAmount: 0 },
    ]);

    const all = await report();
    for (const row of all.agents.filter((a) => a.userId)) {
      const mine = await report({ agentId: row.userId });
      expect(mine.firstResponse.overall.median).toBe(row.firstResponseMedian);
      expect(mine.volume.resolved).toBe(row.resolved);
      expect(mine.csat.average).toBe(row.csatAverage);
      expect(mine.agents).toEqual([row]);
    }
  });

  it("keeps workspaces apart: another workspace's figures, teams and teammates never mix in", async () => {
    const theirs = await getReport(db, { workspaceId: ids.other, ...RANGE, now: NOW });
    expect(theirs.range.timeZone).toBe("America/New_York");
    expect(theirs.volume.opened).toBe(1);
    expect(theirs.csat).toMatchObject({ requested: 1, answered: 1, average: 2 });
    expect(theirs.payments.map((p) => p.currency)).toEqual(["USD"]);
    const ours = await report();
    expect(ours.payments.map((p) => p.currency)).toEqual(["EUR", "GBP"]);
    await expect(report({ teamId: ids.otherTeam })).rejects.toMatchObject({ status: 404, reason: "report.team_not_found" });
    await expect(getReport(db, { workspaceId: ids.other, ...RANGE, agentId: ids.alice })).rejects.toMatchObject({ status: 404, reason: "report.agent_not_found" });
  });

  it("answers a range without data with zero days and no percentiles", async () => {
    const r = await report({ from: "2025-06-01", to: "2025-06-03" });
    expect(days(r, (d) => d.opened + d.resolved)).toEqual([0, 0, 0]);
    expect(r.firstResponse).toEqual({ overall: { count: 0, median: null, p90: null }, days: r.volume.days.map((d) => ({ day: d.day, count: 0, median: null, p90: null })) });
    expect(r.resolution).toEqual({ count: 0, median: null, p90: null });
    expect(r.heatmap).toMatchObject({ total: 0, max: 0 });
    expect(r.windowMisses.total).toBe(0);
    expect(r.csat).toEqual({ requested: 0, answered: 0, responseRate: null, average: null, distribution: [0, 0, 0, 0, 0] });
    expect(r.payments).toEqual([]);
    expect(r.agents).toEqual([]);
  });

  it("follows daylight saving time at the day boundaries", async () => {
    const ws = await makeWorkspace(db, "DST Air");
    await db.update(workspaces).set({ timezone: "Europe/Rome" }).where(eq(workspaces.id, ws.workspace.id));
    // Rome moves to UTC+2 on 2026-03-29 at 02:00.
    for (const utc of ["2026-03-28T22:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z"]) {
      await addConversation(db, ws, { messages: [{ at: new Date(utc), dir: "in" }] });
    }
    const r = await getReport(db, { workspaceId: ws.workspace.id, from: "2026-03-28", to: "2026-03-30", now: NOW });
    // 23:30 CET on the 28th, 23:30 CEST on the 29th, 00:30 CEST on the 30th.
    expect(days(r, (d) => d.opened)).toEqual([1, 1, 1]);
    expect(r.heatmap.cells[5]![23]).toBe(1);
    expect(r.heatmap.cells[6]![23]).toBe(1);
    expect(r.heatmap.cells[0]![0]).toBe(1);
  });

  // The route asks for two read transactions at once on PostgreSQL; PGlite runs one query at a time.
  it.runIf(testDbKind() === "postgres")("reads the same figures in two parallel transactions as in one", async () => {
    for (const over of [{}, { teamId: ids.t1 }, { agentId: ids.bob }]) {
      const [one, two] = [await report(over), await report({ ...over, parallel: true })];
      expect(two).toEqual(one);
      expect(two.agents.length + two.volume.days.length).toBeGreaterThan(0);
    }
  });

  it("writes one CSV section per figure", async () => {
    const csv = reportToCsv(await report());
    const titles = csv.split("\r\n\r\n").map((s) => s.split("\r\n")[0]);
    expect(titles).toEqual(["Report", "Per day", "Response times", "Customer messages by weekday and hour", "Customer satisfaction", "Payments", "Agents"]);
    expect(csv).toContain("2026-01-05,2,2,2,1500,2220,0");
    expect(csv).toContain("EUR,2,17000,2,20000,2000");
  });
});

describe("reportQuerySchema", () => {
  const fields = (q: Record<string, string>) => {
    const r = reportQuerySchema.safeParse(q);
    return r.success ? null : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };
  it("takes calendar days, from ≤ to, at most 366 days", () => {
    expect(fields({ from: "2026-01-01", to: "2026-12-31" })).toBeNull();
    expect(fields({ from: "2024-01-01", to: "2024-12-31" })).toBeNull(); // 366 days (leap year)
    expect(fields({ from: "2024-01-01", to: "2025-01-01" })).toEqual({ to: "At most 366 days." });
    expect(fields({ from: "2026-01-02", to: "2026-01-01" })).toEqual({ to: "The end date is before the start date." });
    expect(fields({ from: "2026-02-30", to: "2026-03-01" })).toEqual({ from: "Not a calendar date." });
    expect(fields({ from: "yesterday", to: "2026-03-01" })).toEqual({ from: "Use YYYY-MM-DD." });
    expect(fields({ from: "2026-01-01", to: "2026-01-02", team: "x" })).toEqual({ team: "Not a team id." });
  });
});
