import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, like, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/types";
import { contacts, conversations, conversationTotals, messages, users } from "@/lib/db/schema";
import { summarizeMessages } from "@/lib/conversations/summary";
import { countViews } from "@/lib/conversations/view-counts";
import { createTestDatabase } from "@/lib/testing/db";
import { seedDemoWorkspace } from "./seed";
import { WA_PREFIX, seedScale, threadLengths, type ScaleSummary } from "./seed-scale";
import { mulberry32 } from "./seed";

const NOW = new Date("2026-03-18T10:15:00.000Z");

describe("seedScale", () => {
  let database: Database;
  let workspaceId = "";
  let summary: ScaleSummary;

  beforeAll(async () => {
    database = await createTestDatabase();
    const s = await seedDemoWorkspace(database.db, { now: NOW });
    workspaceId = s.workspaceId;
    summary = await seedScale(database.db, { workspaceId, channelId: s.channelId, conversations: 300, messages: 2_400, now: NOW });
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it("adds exactly N conversations and M customer/agent messages, with agents in teams", async () => {
    const db = database.db;
    const scale = and(eq(conversations.workspaceId, workspaceId), like(contacts.waId, `${WA_PREFIX}%`));
    const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(conversations).innerJoin(contacts, eq(contacts.id, conversations.contactId)).where(scale);
    expect(c!.n).toBe(300);
    const [m] = await db
      .select({ ext: sql<number>`count(*) filter (where ${messages.direction} <> 'internal')::int`, events: sql<number>`count(*) filter (where ${messages.direction} = 'internal')::int` })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(scale);
    expect(m!.ext).toBe(2_400);
    expect(m!.events).toBe(summary.events);
    expect(summary.byStatus.resolved).toBeGreaterThan(250);
    expect(summary.byStatus.open + summary.byStatus.pending + summary.byStatus.snoozed).toBeGreaterThan(0);
    const agents = await db.select({ id: users.id }).from(users).where(and(eq(users.workspaceId, workspaceId), like(users.email, "%.scale@voloazzurro.it")));
    expect(agents).toHaveLength(40);
  });

  it("keeps every conversation's summary columns what its messages say", async () => {
    const db = database.db;
    const convs = await db.select().from(conversations).innerJoin(contacts, eq(contacts.id, conversations.contactId)).where(and(eq(conversations.workspaceId, workspaceId), like(contacts.waId, `${WA_PREFIX}%`)));
    const msgs = await db
      .select({ conversationId: messages.conversationId, direction: messages.direction, text: messages.text, createdAt: messages.createdAt })
      .from(messages)
      .where(eq(messages.workspaceId, workspaceId))
      .orderBy(asc(messages.createdAt), asc(messages.id));
    const byConv = new Map<string, typeof msgs>();
    for (const x of msgs) byConv.set(x.conversationId, [...(byConv.get(x.conversationId) ?? []), x]);
    for (const { conversations: c } of convs) {
      const facts = summarizeMessages(byConv.get(c.id) ?? [], c.status);
      expect({ at: c.lastMessageAt, preview: c.lastMessagePreview, dir: c.lastMessageDirection, inbound: c.lastInboundAt, waiting: c.waitingSince, first: c.firstResponseAt, unread: c.unreadCount }).toEqual({
        at: facts.lastMessageAt, preview: facts.lastMessagePreview, dir: facts.lastMessageDirection, inbound: facts.lastInboundAt, waiting: facts.waitingSince, first: facts.firstResponseAt, unread: facts.unreadCount,
      });
      if (c.status === "resolved") expect(c.resolvedAt!.getTime()).toBeGreaterThanOrEqual(c.lastMessageAt.getTime());
      else expect(c.resolvedAt).toBeNull();
      if (c.status === "snoozed") expect(c.snoozedUntil!.getTime()).toBeGreaterThan(NOW.getTime());
      expect(c.lastMessageAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      if (c.assigneeId) expect(c.assignedAt).not.toBeNull();
    }
  });

  it("agrees with the counts the inbox shows, the kept resolved total included", async () => {
    const db = database.db;
    const [t] = await db.select().from(conversationTotals).where(eq(conversationTotals.workspaceId, workspaceId));
    const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.status, "resolved")));
    expect(t!.resolved).toBe(r!.n);
    const [anyone] = await db.select({ id: users.id }).from(users).where(eq(users.workspaceId, workspaceId)).limit(1);
    const counts = await countViews(db, workspaceId, anyone!.id);
    expect(counts.status.resolved).toBe(r!.n);
  });

  it("draws skewed thread lengths that add up exactly", () => {
    const lengths = threadLengths(mulberry32(7), 10_000, 100_000);
    expect(lengths.reduce((s, x) => s + x, 0)).toBe(100_000);
    const sorted = [...lengths].sort((a, b) => a - b);
    expect(sorted[5_000]!).toBeLessThan(10); // most are short…
    expect(sorted.at(-1)!).toBeGreaterThan(80); // …with a long tail
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1);
  });

  it("adds more on a rerun, without clashing with the first run", async () => {
    const db = database.db;
    const [ch] = await db.execute(sql`select id from channels where workspace_id = ${workspaceId}::uuid limit 1`).then((x) => (Array.isArray(x) ? x : (x as { rows: { id: string }[] }).rows) as { id: string }[]);
    const again = await seedScale(db, { workspaceId, channelId: ch!.id, conversations: 20, messages: 60, now: NOW, seed: 2 });
    expect(again.conversations).toBe(20);
    const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), like(contacts.waId, `${WA_PREFIX}%`)));
    expect(c!.n).toBe(summary.contacts + again.contacts);
  });
});
