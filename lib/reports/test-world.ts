// Test-only builders for the report tests: conversations with their messages, summary columns
// derived from the messages as the app keeps them (first response = our first reply after the
// customer first wrote).
import { randomUUID } from "node:crypto";
import { contacts, conversations, messages, paymentRequests } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";

type Ws = { workspace: { id: string }; channel: { id: string } };
export type Msg = { at: Date; dir: "in" | "out" | "auto"; failed?: boolean; by?: string };
export type ConvSpec = {
  messages: Msg[];
  assigneeId?: string | null;
  teamId?: string | null;
  createdAt?: Date;
  resolvedAt?: Date;
  csat?: { requestedAt: Date; rating?: number };
};

let n = 0;

export async function addConversation(db: Db, ws: Ws, spec: ConvSpec) {
  const ms = [...spec.messages].sort((a, b) => a.at.getTime() - b.at.getTime());
  const firstIn = ms.find((m) => m.dir === "in");
  const firstResponse = firstIn ? ms.find((m) => m.dir === "out" && m.at > firstIn.at) : undefined;
  const last = ms[ms.length - 1]!;
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId: ws.workspace.id, waId: `3930000${String(++n).padStart(5, "0")}${Math.floor(Math.random() * 1000)}`, profileName: `Customer ${n}` })
    .returning();
  const [conv] = await db
    .insert(conversations)
    .values({
      workspaceId: ws.workspace.id,
      contactId: contact!.id,
      channelId: ws.channel.id,
      status: spec.resolvedAt ? "resolved" : "open",
      assigneeId: spec.assigneeId ?? null,
      teamId: spec.teamId ?? null,
      createdAt: spec.createdAt ?? ms[0]!.at,
      lastMessageAt: last.at,
      lastInboundAt: ms.filter((m) => m.dir === "in").at(-1)?.at ?? null,
      firstResponseAt: firstResponse?.at ?? null,
      resolvedAt: spec.resolvedAt ?? null,
      csatRequestedAt: spec.csat?.requestedAt ?? null,
      csatRating: spec.csat?.rating ?? null,
      csatAnsweredAt: spec.csat?.rating ? new Date(spec.csat.requestedAt.getTime() + 60_000) : null,
    })
    .returning();
  await db.insert(messages).values(
    ms.map((m) => ({
      workspaceId: ws.workspace.id,
      conversationId: conv!.id,
      channelId: ws.channel.id,
      direction: m.dir === "in" ? ("inbound" as const) : ("outbound" as const),
      authorType: m.dir === "in" ? ("customer" as const) : m.dir === "auto" ? ("system" as const) : ("agent" as const),
      authorUserId: m.dir === "out" ? (m.by ?? spec.assigneeId ?? null) : null,
      kind: "text",
      text: m.dir === "in" ? "Hello?" : "Hi!",
      status: m.dir === "in" ? null : m.failed ? ("failed" as const) : ("read" as const),
      createdAt: m.at,
    })),
  );
  return { conversation: conv!, contact: contact! };
}

export async function addPayment(
  db: Db,
  ws: Ws,
  conv: { conversation: { id: string }; contact: { id: string } },
  p: { currency: string; total: number; createdAt: Date; createdBy: string | null; paidAt?: Date; refunded?: number },
) {
  const id = randomUUID();
  await db.insert(paymentRequests).values({
    id,
    workspaceId: ws.workspace.id,
    conversationId: conv.conversation.id,
    contactId: conv.contact.id,
    createdBy: p.createdBy,
    reference: `R-${id.slice(0, 8)}`,
    currency: p.currency,
    lineItems: [{ name: "Fare difference", quantity: 1, unitAmount: p.total, amount: p.total }],
    amountSubtotal: p.total,
    amountTax: 0,
    amountTotal: p.total,
    amountCaptured: p.paidAt ? p.total : 0,
    amountRefunded: p.refunded ?? 0,
    description: "Fare difference",
    status: p.paidAt ? (p.refunded ? "partially_refunded" : "paid") : "pending",
    expiresAt: new Date(p.createdAt.getTime() + 86_400_000),
    payTokenNonce: id,
    payTokenHash: `hash-${id}`,
    paidAt: p.paidAt ?? null,
    createdAt: p.createdAt,
  });
}
