import { afterAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { contacts, conversations, users } from "./schema";
import { findConversations } from "@/lib/conversations/queries";
import { listConversationsSchema } from "@/lib/conversations/schemas";
import { makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { testDbKind } from "@/lib/testing/db";
import { useTestDatabase } from "@/lib/testing/use-test-database";
import { openDatabase } from "./connect";
import { literalLimit, literalOf, pageSizeFor, preparedRead } from "./prepared";
import type { Database } from "./types";

describe(`preparedRead (${testDbKind()})`, () => {
  const t = useTestDatabase();
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
  });
  /** One connection, so what the statements left behind can be read on it. */
  async function oneConnection(): Promise<Database> {
    const d = await openDatabase({ url: t.database.url!, poolMax: 1 });
    opened.push(d);
    return d;
  }

  it("builds a shape once per database and runs it with each call's values", async () => {
    let builds = 0;
    const read = () =>
      preparedRead(t.db, "prepared-test:echo", () => {
        builds++;
        return t.db.select({ v: sql<number>`${sql.placeholder("n")}::int * 2` }).from(sql`(select 1) as one`);
      });
    expect(read()).toBe(read());
    expect(builds).toBe(1);
    for (let n = 0; n < 8; n++) expect(await read().execute({ n })).toEqual([{ v: n * 2 }]);
  });

  it("maps rows exactly as drizzle does: nested tables, a left join with no row, decoded values", async () => {
    const ws = await makeWorkspace(t.db);
    const agent = await makeUser(t.db, ws.workspace.id, "agent");
    await makeConversation(t.db, ws, { assigneeId: agent.id });
    await makeConversation(t.db, ws);
    const build = () =>
      t.db
        .select({
          conversation: conversations,
          assignee: users,
          contactName: contacts.profileName,
          at: sql<string>`${conversations.createdAt}::text`,
          twice: sql<number>`2`.mapWith(Number),
          nested: { id: conversations.id, lastAt: conversations.lastMessageAt },
        })
        .from(conversations)
        .leftJoin(users, eq(users.id, conversations.assigneeId))
        .leftJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(conversations.workspaceId, sql.placeholder("ws")))
        .orderBy(asc(conversations.assigneeId));
    const ours = await preparedRead(t.db, "prepared-test:mapper", build).execute({ ws: ws.workspace.id });
    const drizzles = await build().execute({ ws: ws.workspace.id });
    expect(ours).toEqual(drizzles);
    expect(ours).toHaveLength(2);
    expect(ours.map((r) => r.assignee?.id ?? null).sort()).toEqual([agent.id, null].sort());
    expect(ours[0]!.conversation.createdAt).toBeInstanceOf(Date);
    expect(ours[0]!.twice).toBe(2);
  });

  it.runIf(testDbKind() === "postgres")("names a statement by its text, and PostgreSQL keeps a generic plan for the inbox list", async () => {
    const d = await oneConnection();
    const ws = await makeWorkspace(d.db);
    const me = await makeUser(d.db, ws.workspace.id);
    for (let i = 0; i < 3; i++) await makeConversation(d.db, ws, { assigneeId: me.id });
    for (let run = 0; run < 8; run++) expect((await findConversations(d.db, ws.workspace.id, me.id, listConversationsSchema.parse({ view: "mine" }))).items).toHaveLength(3);
    const statements = await d.query<{ name: string; statement: string; generic_plans: string; custom_plans: string }>(
      "select name, statement, generic_plans, custom_plans from pg_prepared_statements where name like 'sportello\\_%'",
    );
    const list = statements.find((s) => s.statement.includes(`"assignee_id" = $`) && s.statement.includes("in ('open', 'pending')"));
    expect(list, JSON.stringify(statements.map((s) => s.statement.slice(0, 80)))).toBeDefined();
    // The page size is in the text (40 asked → 40 + 1), not a parameter the plan cannot see.
    expect(list!.statement).toMatch(/limit 41\b/);
    expect(Number(list!.generic_plans)).toBeGreaterThan(0);
    // Another process (here another pool) names the same SQL the same way.
    const other = await oneConnection();
    await findConversations(other.db, ws.workspace.id, me.id, listConversationsSchema.parse({ view: "mine" }));
    const names = (await other.query<{ name: string }>("select name from pg_prepared_statements where name like 'sportello\\_%'")).map((r) => r.name);
    expect(names).toContain(list!.name);
  });

  it.runIf(testDbKind() === "postgres")("falls back to unnamed statements when the server lost them (a pooler swapped its connection)", async () => {
    const d = await oneConnection();
    const ws = await makeWorkspace(d.db);
    const me = await makeUser(d.db, ws.workspace.id);
    await makeConversation(d.db, ws, { assigneeId: me.id });
    const list = () => findConversations(d.db, ws.workspace.id, me.id, listConversationsSchema.parse({ view: "mine", limit: 10 }));
    expect((await list()).items).toHaveLength(1);
    // What a transaction pooler does to a client's named statements: they are gone on the server
    // while node-postgres still believes them parsed, so its next Bind fails with 26000.
    await d.exec("deallocate all");
    expect((await list()).items).toHaveLength(1);
    expect((await list()).items).toHaveLength(1);
    expect(await d.query("select name from pg_prepared_statements where name like 'sportello\\_%'")).toEqual([]);
  });
});

describe("statement text", () => {
  it("quotes only a word from the list", () => {
    expect(literalOf("open", ["open", "pending"] as const)).toBe("'open'");
    expect(() => literalOf("x' or 1=1 --" as "open", ["open"] as const)).toThrow();
    expect(() => literalOf("Open" as "open", ["Open" as "open"])).toThrow();
  });

  it("writes a page size only when it is a small positive integer, rounded up to a few sizes", () => {
    expect(() => literalLimit(0)).toThrow();
    expect(() => literalLimit(2.5)).toThrow();
    expect(() => literalLimit(Number.NaN)).toThrow();
    expect(literalLimit(41)).toBeTruthy();
    expect([1, 10, 11, 40, 41, 50, 99, 100, 101, 200].map((n) => pageSizeFor(n))).toEqual([10, 10, 20, 40, 50, 50, 100, 100, 200, 200]);
  });
});
