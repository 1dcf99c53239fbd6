import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { asc, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { conversations, messages } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import type { InboundMessage } from "@/lib/content/inbound-message";
import { asContent, previewOf } from "@/lib/content/message-content";
import { recordInboundBatch } from "@/lib/conversations/record-inbound-batch";
import { createReply } from "@/lib/messages/reply";
import { summarizeMessages } from "./summary";

// The summary rules are written once (summary.ts) and used by three writers: the set-based
// inbound bump, the outbound update and the demo seed's fold. This checks the live writers
// against the fold on random threads: whatever order customers write and agents answer in, the
// stored columns are what summarizeMessages says of the stored messages.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

// Messages arrive in timestamp order here: late arrivals (where "waiting" follows arrival, not
// timestamps) are covered by lib/ingest/process-webhook.test.ts.
type Step = { kind: "in"; texts: string[] } | { kind: "out"; text: string };
const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !s.includes("\u0000"));
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("in" as const), texts: fc.array(text, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("out" as const), text }),
);

let seq = 0;

describe("conversation summary rules", () => {
  it("the live inbound and outbound writers agree with the fold the seed uses", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const waId = `3934${String(++seq).padStart(8, "0")}`;
        // The customer writes first: a conversation starts with their message.
        const all: Step[] = [{ kind: "in", texts: ["Ciao"] }, ...steps];
        let conversationId: string | null = null;
        for (const s of all) {
          if (s.kind === "in") {
            const now = Date.now();
            const batch: InboundMessage[] = s.texts.map((t, i) => ({
              channel: { id: ws.channel.id, workspaceId: ws.workspace.id },
              providerMessageId: `wamid.summary-${seq}-${now}-${i}-${Math.random()}`,
              at: new Date(now + i),
              customer: { waId, bsuid: null, parentBsuid: null, name: "Giulia", username: null },
              content: { kind: "text", text: t, payload: null },
              preview: previewOf({ kind: "text", text: t, payload: null }),
              media: null,
              reaction: null,
              quotedProviderId: null,
            }));
            await db.transaction((tx) => recordInboundBatch(tx, batch));
            if (!conversationId) {
              const [m] = await db.select({ id: messages.conversationId }).from(messages).where(eq(messages.providerMessageId, batch[0]!.providerMessageId));
              conversationId = m!.id;
            }
          } else if (conversationId) {
            await createReply(db, agent, conversationId, { text: s.text });
          }
          await new Promise((r) => setTimeout(r, 2));
        }
        const stored = await db
          .select({ direction: messages.direction, kind: messages.kind, text: messages.text, payload: messages.payload, createdAt: messages.createdAt })
          .from(messages)
          .where(eq(messages.conversationId, conversationId!))
          .orderBy(asc(messages.createdAt), asc(messages.id));
        const [conv] = await db.select().from(conversations).where(eq(conversations.id, conversationId!));
        const expected = summarizeMessages(
          stored.map((m) => ({ direction: m.direction, text: m.text, createdAt: m.createdAt, content: asContent(m) })),
          conv!.status,
        );
        expect({
          lastMessageAt: conv!.lastMessageAt,
          lastMessagePreview: conv!.lastMessagePreview,
          lastMessageDirection: conv!.lastMessageDirection,
          lastInboundAt: conv!.lastInboundAt,
          waitingSince: conv!.waitingSince,
          firstResponseAt: conv!.firstResponseAt,
          unreadCount: conv!.unreadCount,
        }).toEqual(expected);
      }),
      { numRuns: 12 },
    );
  });
});
