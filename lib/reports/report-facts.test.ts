import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import pg from "pg";
import { conversations, messages, workspaces } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { makeConversation, makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { foldMessageBuckets } from "./buckets";
import { queryRows } from "./scope";

// message_windows and message_buckets (migration 0017) are kept by triggers on messages and
// conversations, and the window-miss figure and the heatmap read them instead of the messages: so
// after every kind of write they must equal what the messages say, recomputed here the way the
// figures used to compute them (LEAD over each conversation; a count per 15 minutes).
describe("the report's kept facts", () => {
  let database: Database & Partial<Pick<TestDatabase, "url">>;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  const at = (hhmm: string, day = 5) => new Date(`2026-01-${String(day).padStart(2, "0")}T${hhmm}:00Z`);
  type Ws = Awaited<ReturnType<typeof makeWorkspace>>;
  type Kind = "in" | "reaction" | "reply" | "failed" | "auto" | "note";
  async function add(ws: Ws, conversationId: string, rows: [Kind, string, number?][], tx: Db = db) {
    const inserted = await tx
      .insert(messages)
      .values(
        rows.map(([kind, hhmm, day]) => {
          const inbound = kind === "in" || kind === "reaction";
          return {
            workspaceId: ws.workspace.id,
            conversationId,
            channelId: ws.channel.id,
            direction: inbound ? ("inbound" as const) : kind === "note" ? ("internal" as const) : ("outbound" as const),
            authorType: inbound ? ("customer" as const) : kind === "auto" || kind === "note" ? ("system" as const) : ("agent" as const),
            kind: kind === "reaction" ? "reaction" : "text",
            text: "x",
            status: inbound || kind === "note" ? null : kind === "failed" ? ("failed" as const) : ("sent" as const),
            createdAt: at(hhmm, day),
          };
        }),
      )
      .returning({ id: messages.id });
    return inserted.map((m) => m.id);
  }

  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  type Window = { id: string; at: string | null; next: string | null; resolved: boolean };
  const sorted = (rows: Window[]) => rows.sort((a, b) => a.id.localeCompare(b.id));
  async function keptWindows(ws: Ws): Promise<Window[]> {
    const rows = await queryRows<{ id: string; at: unknown; next: unknown; resolved: boolean }>(
      db,
      sql`select message_id as id, at, next_at as next, resolved_within as resolved from message_windows where workspace_id = ${ws.workspace.id}::uuid`,
    );
    return sorted(rows.map((r) => ({ id: r.id, at: iso(r.at), next: iso(r.next), resolved: r.resolved })));
  }
  async function realWindows(ws: Ws): Promise<Window[]> {
    const rows = await queryRows<{ id: string; at: unknown; next: unknown; resolved: boolean }>(
      db,
      sql`
        select r.id, r.created_at as at, r.next_at as next,
               coalesce(c.status = 'resolved' and c.resolved_at > r.created_at and c.resolved_at <= r.created_at + interval '24 hours', false) as resolved
          from (select m.*, lead(m.created_at) over (partition by m.conversation_id order by m.created_at, m.id) as next_at
                  from messages m
                 where m.workspace_id = ${ws.workspace.id}::uuid
                   and ((m.direction = 'inbound' and m.author_type = 'customer' and m.kind not in ('reaction', 'system'))
                     or (m.direction = 'outbound' and m.author_type = 'agent' and m.status is distinct from 'failed'))) r
          join conversations c on c.id = r.conversation_id
         where r.direction = 'inbound'`,
    );
    return sorted(rows.map((r) => ({ id: r.id, at: iso(r.at), next: iso(r.next), resolved: r.resolved })));
  }
  async function buckets(ws: Ws, real: boolean) {
    const rows = await queryRows<{ bucket: unknown; n: unknown }>(
      db,
      real
        ? sql`select to_timestamp(floor(extract(epoch from created_at) / 900) * 900) as bucket, count(*) as n from messages
               where workspace_id = ${ws.workspace.id}::uuid and direction = 'inbound' and author_type = 'customer' group by 1`
        : sql`select bucket, sum(n) as n from message_buckets where workspace_id = ${ws.workspace.id}::uuid group by 1 having sum(n) <> 0`,
    );
    return rows.map((r) => `${iso(r.bucket)} ${Number(r.n)}`).sort();
  }
  // reply_days (migration 0022): our replies per conversation and day in the workspace's zone, with
  // the conversation's assignee and team as they are now.
  async function replyDays(ws: Ws, real: boolean) {
    const rows = await queryRows<{ conversation_id: string; day: unknown; n: unknown; assignee_id: string | null; team_id: string | null }>(
      db,
      real
        ? sql`select m.conversation_id, (m.created_at at time zone w.timezone)::date::text as day, count(*) as n, c.assignee_id, c.team_id
                from messages m join conversations c on c.id = m.conversation_id join workspaces w on w.id = m.workspace_id
               where m.workspace_id = ${ws.workspace.id}::uuid and m.direction = 'outbound' and m.author_type = 'agent' and m.status is distinct from 'failed'
               group by 1, 2, 4, 5`
        : sql`select conversation_id, day::text as day, n, assignee_id, team_id from reply_days where workspace_id = ${ws.workspace.id}::uuid`,
    );
    return rows.map((r) => `${r.conversation_id} ${String(r.day)} ${Number(r.n)} ${r.assignee_id} ${r.team_id}`).sort();
  }
  async function expectKept(ws: Ws) {
    expect(await keptWindows(ws)).toEqual(await realWindows(ws));
    expect(await buckets(ws, false)).toEqual(await buckets(ws, true));
    expect(await replyDays(ws, false)).toEqual(await replyDays(ws, true));
  }

  it("follow inserts, late arrivals, replies of every kind, failures, retries, deletes, moves and resolutions", async () => {
    const ws = await makeWorkspace(db, "Window Air");
    const { conversation: c } = await makeConversation(db, ws);
    const { conversation: d } = await makeConversation(db, ws);

    // Our template first, then the customer twice in one statement (out of order), a reaction, an
    // automation, a note and a failed send: none answers; our reply does.
    const [, waited] = await add(ws, c.id, [["reply", "08:00"], ["in", "09:30"], ["in", "09:00"], ["reaction", "09:40"], ["auto", "09:45"], ["note", "09:50"], ["failed", "09:55"]]);
    await expectKept(ws);
    const nextOf = async (id: string) => (await keptWindows(ws)).find((w) => w.id === id)?.next;
    expect(await nextOf(waited!)).toBeNull();
    const [reply] = await add(ws, c.id, [["reply", "10:00"]]);
    await expectKept(ws);
    expect(await nextOf(waited!)).toBe(at("10:00").toISOString());
    // Two messages at the same instant (the id breaks the tie), a late one from the day before.
    await add(ws, c.id, [["in", "11:00"], ["in", "11:00"]]);
    const [late] = await add(ws, c.id, [["in", "23:00", 4]]);
    await expectKept(ws);

    // Inside a transaction (as the webhook processor writes): kept by the commit.
    await db.transaction(async (tx) => {
      await add(ws, d.id, [["in", "12:00"]], tx);
      await add(ws, d.id, [["reply", "12:05"]], tx);
    });
    await expectKept(ws);

    // The reply fails after all (its wait is unanswered again), then is retried (queued).
    await db.update(messages).set({ status: "failed" }).where(eq(messages.id, reply!));
    await expectKept(ws);
    expect(await nextOf(waited!)).toBe(at("11:00").toISOString());
    await db.update(messages).set({ status: "queued" }).where(eq(messages.id, reply!));
    await expectKept(ws);
    // Delivery receipts change nothing.
    await db.update(messages).set({ status: "read" }).where(eq(messages.conversationId, c.id));
    await expectKept(ws);

    // Deletes (the answer, the late message), a move in time and to another conversation.
    await db.delete(messages).where(eq(messages.id, reply!));
    await db.delete(messages).where(eq(messages.id, late!));
    await expectKept(ws);
    await db.update(messages).set({ createdAt: at("13:00") }).where(eq(messages.conversationId, d.id));
    await expectKept(ws);
    await db.update(messages).set({ conversationId: c.id }).where(eq(messages.conversationId, d.id));
    await expectKept(ws);

    // Reply days follow the conversation's assignee and team, and the workspace's zone (23:30 UTC
    // is the next day in Rome, the same day in New York).
    expect((await replyDays(ws, false)).length).toBeGreaterThan(0);
    const lead = await makeUser(db, ws.workspace.id, "lead");
    const team = await makeTeam(db, ws.workspace.id);
    await db.update(conversations).set({ assigneeId: lead.id }).where(eq(conversations.id, c.id));
    await db.update(conversations).set({ teamId: team.id }).where(eq(conversations.id, c.id));
    await expectKept(ws);
    expect((await replyDays(ws, false)).some((r) => r.includes(lead.id) && r.includes(team.id))).toBe(true);
    await add(ws, c.id, [["reply", "23:30"]]);
    for (const timezone of ["Europe/Rome", "America/New_York"]) {
      await db.update(workspaces).set({ timezone }).where(eq(workspaces.id, ws.workspace.id));
      await expectKept(ws);
    }
    await db.update(conversations).set({ assigneeId: null, teamId: null }).where(eq(conversations.id, c.id));
    await expectKept(ws);

    // Resolved within a wait's 24 hours, resolved later, reopened.
    await db.update(conversations).set({ status: "resolved", resolvedAt: at("14:00") }).where(eq(conversations.id, c.id));
    await expectKept(ws);
    expect((await keptWindows(ws)).filter((w) => w.resolved).length).toBeGreaterThan(0);
    await db.update(conversations).set({ resolvedAt: at("14:00", 8) }).where(eq(conversations.id, c.id));
    await expectKept(ws);
    await db.update(conversations).set({ status: "open" }).where(eq(conversations.id, c.id));
    await expectKept(ws);

    // The heatmap's shards folded into one row per bucket (the timer in jobs.ts): same counts.
    const shards = () => queryRows<{ n: unknown }>(db, sql`select count(*) as n from message_buckets where workspace_id = ${ws.workspace.id}::uuid and shard <> 0`);
    expect(Number((await shards())[0]!.n)).toBeGreaterThan(0);
    expect(await foldMessageBuckets(db, { before: at("00:00", 9) })).toBeGreaterThan(0);
    expect(Number((await shards())[0]!.n)).toBe(0);
    await expectKept(ws);

    // Written and gone in one transaction; a conversation's cascade.
    await db.transaction(async (tx) => {
      const ids = await add(ws, c.id, [["in", "15:00"], ["reply", "15:30"]], tx);
      await tx.delete(messages).where(inArray(messages.id, ids));
    });
    await expectKept(ws);
    await db.delete(conversations).where(eq(conversations.id, c.id));
    await expectKept(ws);
    expect(await keptWindows(ws)).toEqual([]);
  });

  // Status batches recompute a conversation's windows without holding the conversation (they lock
  // messages, not conversations), so a reply failing while the customer's next message commits must
  // serialize on the window rows: whichever commits second sees the other.
  it.skipIf(testDbKind() !== "postgres")("a reply failing while a new customer message commits, in either order", async () => {
    const ws = await makeWorkspace(db, "Race Air");
    for (const failFirst of [false, true]) {
      const { conversation: c } = await makeConversation(db, ws);
      const [waited, reply] = await add(ws, c.id, [["in", "10:00"], ["reply", "10:05"]]);
      const inbound = new pg.Client({ connectionString: database.url });
      const failing = new pg.Client({ connectionString: database.url });
      await Promise.all([inbound.connect(), failing.connect()]);
      try {
        const arrive = async () => {
          await inbound.query("begin");
          await inbound.query("update conversations set updated_at = now() where id = $1", [c.id]); // the bump's lock
          await inbound.query(
            `insert into messages (workspace_id, conversation_id, channel_id, direction, author_type, kind, text, created_at)
             values ($1, $2, $3, 'inbound', 'customer', 'text', 'x', $4)`,
            [ws.workspace.id, c.id, ws.channel.id, at("10:10")],
          );
          return inbound.query("set constraints all immediate"); // the deferred triggers, now
        };
        const fail = async () => {
          await failing.query("begin");
          await failing.query("update messages set status = 'failed' where id = $1", [reply]);
          return failing.query("set constraints all immediate");
        };
        const [first, second] = failFirst ? [failing, inbound] : [inbound, failing];
        await (failFirst ? fail() : arrive());
        const waiting = failFirst ? arrive() : fail();
        let done = false;
        void waiting.then(() => (done = true));
        await new Promise((r) => setTimeout(r, 300));
        expect(done).toBe(false); // blocked on the window row the first one locked
        await first.query("commit");
        await waiting;
        await second.query("commit");
      } finally {
        await Promise.all([inbound.end(), failing.end()]);
      }
      expect((await keptWindows(ws)).find((w) => w.id === waited)?.next).toBe(at("10:10").toISOString());
      await expectKept(ws);
    }
  });
  // The facts of new messages are kept per INSERT statement (migration 0018), not at commit: two
  // writers that do not hold the conversation yet (a reply inserts before its bump) must still
  // serialize, or the first one's window would miss the second's message.
  it.skipIf(testDbKind() !== "postgres")("two writers of one conversation that hold nothing yet, a customer message and our reply", async () => {
    const ws = await makeWorkspace(db, "Two Writers Air");
    for (const order of [["in", "reply"], ["reply", "in"], ["in", "in"]] as const) {
      // No window yet: neither writer has a window row to wait on, only the conversation.
      const { conversation: c } = await makeConversation(db, ws);
      const clients = [new pg.Client({ connectionString: database.url }), new pg.Client({ connectionString: database.url })] as const;
      await Promise.all(clients.map((cl) => cl.connect()));
      try {
        const write = async (client: pg.Client, kind: "in" | "reply", hhmm: string) => {
          await client.query("begin");
          const inbound = kind === "in";
          return client.query(
            `insert into messages (workspace_id, conversation_id, channel_id, direction, author_type, kind, text, status, created_at)
             values ($1, $2, $3, $4, $5, 'text', 'x', $6, $7)`,
            [ws.workspace.id, c.id, ws.channel.id, inbound ? "inbound" : "outbound", inbound ? "customer" : "agent", inbound ? null : "sent", at(hhmm)],
          );
        };
        await write(clients[0], order[0], "10:10");
        const waiting = write(clients[1], order[1], "10:20");
        let done = false;
        void waiting.then(() => (done = true));
        await new Promise((r) => setTimeout(r, 300));
        expect(done).toBe(false); // blocked on the conversation the first writer's statement locked
        await clients[0].query("commit");
        await waiting;
        await clients[1].query("commit");
      } finally {
        await Promise.all(clients.map((cl) => cl.end()));
      }
      const windows = (await keptWindows(ws)).filter((w) => w.at === at("10:10").toISOString() || w.at === at("10:20").toISOString());
      if (order[0] === "in") expect(windows.find((w) => w.at === at("10:10").toISOString())?.next).toBe(at("10:20").toISOString());
      await expectKept(ws);
    }
  });
  // A reply's day carries the assignee it read; a reassignment committing meanwhile must not leave
  // it stale. Either order serializes on the conversation (the insert trigger locks it, so does the
  // reassignment's update), and the second one sees the first.
  it.skipIf(testDbKind() !== "postgres")("a reply and a reassignment of its conversation at once, in either order", async () => {
    const ws = await makeWorkspace(db, "Reassign Air");
    const agent = await makeUser(db, ws.workspace.id, "agent");
    for (const replyFirst of [true, false]) {
      const { conversation: c } = await makeConversation(db, ws);
      const clients = [new pg.Client({ connectionString: database.url }), new pg.Client({ connectionString: database.url })] as const;
      await Promise.all(clients.map((cl) => cl.connect()));
      try {
        const reply = async (client: pg.Client) => {
          await client.query("begin");
          return client.query(
            `insert into messages (workspace_id, conversation_id, channel_id, direction, author_type, kind, text, status, created_at)
             values ($1, $2, $3, 'outbound', 'agent', 'text', 'x', 'sent', $4)`,
            [ws.workspace.id, c.id, ws.channel.id, at("10:10")],
          );
        };
        const reassign = async (client: pg.Client) => {
          await client.query("begin");
          return client.query("update conversations set assignee_id = $1 where id = $2", [agent.id, c.id]);
        };
        await (replyFirst ? reply(clients[0]) : reassign(clients[0]));
        const waiting = replyFirst ? reassign(clients[1]) : reply(clients[1]);
        let done = false;
        void waiting.then(() => (done = true));
        await new Promise((r) => setTimeout(r, 300));
        expect(done).toBe(false);
        await clients[0].query("commit");
        await waiting;
        await clients[1].query("commit");
      } finally {
        await Promise.all(clients.map((cl) => cl.end()));
      }
      expect((await replyDays(ws, false)).filter((r) => r.startsWith(c.id))).toEqual([`${c.id} 2026-01-05 1 ${agent.id} null`]);
      await expectKept(ws);
    }
  });
});
