import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { webhookEvents } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { processPendingWebhookEvents, processWebhookEvent } from "@/lib/ingest/process-webhook";
import { storeWebhookEvents } from "@/lib/whatsapp/store-webhook";
import { FIXTURE_PHONE_NUMBER_ID, loadFixtures, seedChannel, seedOutbound } from "@/lib/ingest/test-helpers";

// Property tests: whatever arrives, storing and processing never throw, and an event that is
// not processed leaves no trace outside its own webhook_events row. A trigger injects failures
// into messages whose wamid contains BOOM, so "fails halfway through an event" is exercised too.
const BOOM = "wamid.__BOOM__";

const notifications = [...loadFixtures()]
  .filter(([name]) => name.startsWith("inbound-") || name.startsWith("status-") || name.startsWith("template-"))
  .map(([, body]) => JSON.parse(body) as unknown);

const nasty = fc.constantFrom<unknown>(
  "", null, true, 0, -1, 1.5, 1e308, "\u0000", "a\u0000b", "\ud83d", "\udc00x", "x".repeat(5000), "99999999999999999999",
  "1764000000", BOOM, FIXTURE_PHONE_NUMBER_ID, "unknown-number", {}, [], "__proto__", "constructor",
  "text", "image", "document", "reaction", "unsupported", "interactive", "order", "location", "contacts", "system", "poll",
  "sent", "delivered", "read", "failed", "played", "wamid.OUTBOUND0001", "wamid.INB0002",
);
const anyValue = fc.oneof(nasty, fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: "binary", maxLength: 40 }));

type Op = { kind: "replace" | "delete" | "duplicate" | "rekey"; at: number; value: unknown };
const opArb: fc.Arbitrary<Op> = fc.record({ kind: fc.constantFrom("replace", "replace", "delete", "duplicate", "rekey"), at: fc.nat(), value: anyValue });

type Path = (string | number)[];
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function mutate(doc: unknown, ops: Op[]): unknown {
  const root = structuredClone(doc) as Record<string, unknown>;
  for (const op of ops) {
    const paths = pathsOf(root);
    if (paths.length === 0) break;
    const path = paths[op.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as Record<string | number, unknown> | unknown[];
    const key = path[path.length - 1]!;
    if (op.kind === "replace") (parent as Record<string | number, unknown>)[key] = op.value;
    else if (op.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (op.kind === "duplicate" && Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
    else if (op.kind === "rekey" && !Array.isArray(parent)) {
      parent[typeof op.value === "string" ? op.value : "x"] = parent[key];
      delete parent[key];
    }
  }
  return root;
}

// Structurally plausible notifications built from scratch (random types, fields and values).
const waId = fc.constantFrom("393471234567", "31612345678", "4915112345678", "1");
const messageArb = fc
  .record({
    from: fc.oneof(waId, anyValue),
    id: fc.oneof(fc.constantFrom("wamid.A", "wamid.B", BOOM, "wamid.OUTBOUND0001"), fc.string({ minLength: 1, maxLength: 12 }).map((s) => `wamid.${s}`), anyValue),
    timestamp: fc.oneof(fc.integer({ min: 1_700_000_000, max: 1_770_000_000 }).map(String), anyValue),
    type: fc.oneof(nasty, fc.string({ maxLength: 10 })),
    body: anyValue,
    context: fc.option(fc.record({ id: fc.oneof(fc.constant("wamid.OUTBOUND0001"), anyValue) }), { nil: undefined }),
  })
  .map(({ type, body, ...m }) => ({ ...m, type, ...(typeof type === "string" ? { [type]: body } : {}) }));
const statusArb = fc.record({ id: fc.oneof(fc.constant("wamid.OUTBOUND0001"), anyValue), status: fc.oneof(nasty, fc.string()), timestamp: anyValue, errors: fc.option(fc.array(fc.record({ code: anyValue, title: anyValue })), { nil: undefined }) });
const structuredArb = fc.record({
  object: fc.constantFrom("whatsapp_business_account", "page"),
  entry: fc.array(
    fc.record({
      id: anyValue,
      changes: fc.array(
        fc.record({
          field: fc.constantFrom("messages", "messages", "message_template_status_update", "account_update", "?"),
          value: fc.record({
            metadata: fc.oneof(fc.constant({ phone_number_id: FIXTURE_PHONE_NUMBER_ID }), fc.record({ phone_number_id: anyValue })),
            contacts: fc.oneof(fc.array(fc.record({ wa_id: fc.oneof(waId, anyValue), profile: fc.record({ name: anyValue }) }), { maxLength: 3 }), anyValue),
            messages: fc.option(fc.array(messageArb, { maxLength: 3 }), { nil: undefined }),
            statuses: fc.option(fc.array(statusArb, { maxLength: 3 }), { nil: undefined }),
          }),
        }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 2 },
  ),
});

describe(`webhook fuzzing (${testDbKind()})`, () => {
  let database: Database;
  let db: Db;
  const stats = { processed: 0, malformed: 0, failed: 0 };

  const fingerprint = async () =>
    (
      await database.query(`select
        (select count(*) from contacts)::int as contacts,
        (select count(*) from conversations)::int as conversations,
        (select count(*) from messages)::int as messages,
        (select count(*) from media_files)::int as media,
        (select coalesce(sum(unread_count), 0) from conversations)::int as unread,
        (select max(updated_at) from conversations)::text as conv_updated,
        (select string_agg(coalesce(status::text, '-') || ':' || n, ',' order by status) from (select status, count(*) n from messages group by status) s) as statuses,
        (select count(*) from messages where reaction is not null)::int as reactions`)
    )[0];

  /** The property: store + process one body; nothing throws; a non-processed event writes nothing else. */
  const check = async (body: string) => {
    const before = await fingerprint();
    const [stored] = await storeWebhookEvents(db, [body]);
    if (stored!.status === "pending") await processWebhookEvent(db, stored!.id);
    const [event] = await db.select({ status: webhookEvents.status, error: webhookEvents.error }).from(webhookEvents).where(eq(webhookEvents.id, stored!.id));
    if (event!.status === "processed") {
      stats.processed++;
      return;
    }
    if (event!.status === "malformed") stats.malformed++;
    else {
      stats.failed++;
      // Only injected failures may make processing fail: real-world shapes never should.
      expect(event!.error, body.slice(0, 500)).toContain("injected failure");
    }
    expect(await fingerprint(), body.slice(0, 500)).toEqual(before);
  };

  beforeAll(async () => {
    // Injected failures are logged as retries / give-ups: expected here, noise in the output.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    database = await createTestDatabase();
    db = database.db;
    const seed = await seedChannel(db);
    await seedOutbound(db, seed, "393471234567", ["wamid.OUTBOUND0001", "wamid.OUTBOUND0002", "wamid.OUTBOUND0005"]);
    await database.exec(`
      create function inject_failure() returns trigger language plpgsql as $$
      begin
        if new.provider_message_id like '%BOOM%' then raise exception 'injected failure'; end if;
        return new;
      end $$;
      create trigger inject_failure after insert on messages for each row execute function inject_failure();
    `);
  });
  afterAll(async () => database?.close());

  it("random bytes and random JSON: stored (mostly as malformed), never a throw", async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("utf8")),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? "null"),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ object: "whatsapp_business_account", entry: v })),
    );
    await fc.assert(fc.asyncProperty(body, check), { numRuns: 400 });
  });

  it("mutated fixtures: fields deleted, replaced, renamed, duplicated", async () => {
    const arb = fc
      .tuple(fc.constantFrom(...notifications), fc.array(opArb, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([doc, ops, truncate]) => {
        const text = JSON.stringify(mutate(doc, ops));
        return truncate && ops[0]!.at % 5 === 0 ? text.slice(0, ops[0]!.at % text.length) : text;
      });
    await fc.assert(fc.asyncProperty(arb, check), { numRuns: 800 });
  });

  it("structurally plausible random notifications (random types, statuses, numbers, injected failures)", async () => {
    await fc.assert(fc.asyncProperty(structuredArb.map((n) => JSON.stringify(n)), check), { numRuns: 500 });
    // The shapes actually exercised the interesting paths, not just the malformed one.
    expect(stats.processed).toBeGreaterThan(300);
    expect(stats.failed).toBeGreaterThan(0);
  });

  it("afterwards the database is consistent and a drain finds nothing stuck", async () => {
    const [dup] = await database.query<{ n: number }>(
      `select count(*)::int as n from (select contact_id, channel_id from conversations where status <> 'resolved' group by 1, 2 having count(*) > 1) d`,
    );
    expect(dup!.n).toBe(0);
    const [orphans] = await database.query<{ n: number }>(
      `select count(*)::int as n from messages m left join conversations c on c.id = m.conversation_id where c.id is null or c.workspace_id <> m.workspace_id`,
    );
    expect(orphans!.n).toBe(0);
    const result = await processPendingWebhookEvents(db);
    expect(result.processed).toBe(0); // only events with injected failures remain pending, and they fail again
  });
});
