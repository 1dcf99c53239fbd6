import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { channels, contacts, conversations, paymentRefunds, paymentRequests, paymentTotals, users, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { findBusinessProfile } from "@/lib/channels/channels";
import { contactName } from "@/lib/conversations/queries";
import { toPaymentRequestDto, toRefundDto, type PaymentRequestDto, type PaymentRequestRow, type RefundDto } from "./dto";
import { paymentErrors } from "./errors";
import type { Currency } from "./money";
import { hashPayToken, isWellFormedPayToken } from "./reference";
import { listPaymentRequestsSchema, type ListPaymentRequestsInput } from "./schemas";
import { defineReadRoute } from "@/lib/http/read-route";
import { parseWith } from "@/lib/http/route";
import { isPayable, PAYMENT_STATUSES, type PaymentStatus } from "./state";
import { literalLimit, literalOf, pageSizeFor, placeholders, preparedRead } from "@/lib/db/prepared";

export async function findRequestRow(db: Db, { workspaceId, id }: { workspaceId: string; id: string }): Promise<PaymentRequestRow> {
  const [row] = await db.select().from(paymentRequests).where(and(eq(paymentRequests.workspaceId, workspaceId), eq(paymentRequests.id, id))).limit(1);
  if (!row) throw paymentErrors.notFound();
  return row;
}

/** The row locked for a change: every transition is decided against what the previous one left. */
export async function lockRequestRow(tx: Db, { workspaceId, id }: { workspaceId: string; id: string }): Promise<PaymentRequestRow> {
  const [row] = await tx.select().from(paymentRequests).where(and(eq(paymentRequests.workspaceId, workspaceId), eq(paymentRequests.id, id))).for("update").limit(1);
  if (!row) throw paymentErrors.notFound();
  return row;
}

export type PaymentRequestDetail = PaymentRequestDto & { refunds: RefundDto[] };

/** GET /api/payment-requests/:id: the request with its refunds, oldest first. */
export async function getPaymentRequest(db: Db, { workspaceId, id }: { workspaceId: string; id: string }): Promise<PaymentRequestDetail> {
  const row = await findRequestRow(db, { workspaceId, id });
  const refunds = await db.select().from(paymentRefunds).where(eq(paymentRefunds.paymentRequestId, row.id)).orderBy(asc(paymentRefunds.createdAt), asc(paymentRefunds.id));
  return { ...toPaymentRequestDto(row), refunds: refunds.map(toRefundDto) };
}

/** Several requests with their refunds, by id (lib/live reads what a batch of changes touched). */
export async function findPaymentRequestDetails(db: Db, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<PaymentRequestDetail[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(paymentRequests).where(and(eq(paymentRequests.workspaceId, workspaceId), inArray(paymentRequests.id, ids)));
  if (rows.length === 0) return [];
  const refunds = await db
    .select()
    .from(paymentRefunds)
    .where(inArray(paymentRefunds.paymentRequestId, rows.map((r) => r.id)))
    .orderBy(asc(paymentRefunds.createdAt), asc(paymentRefunds.id));
  return rows.map((row) => ({ ...toPaymentRequestDto(row), refunds: refunds.filter((r) => r.paymentRequestId === row.id).map(toRefundDto) }));
}

export type PaymentTotals = { status: PaymentStatus; currency: Currency; count: number; amountTotal: number; amountCaptured: number; amountRefunded: number }[];
/** A row of the list: the request, who it was asked of and who asked (names as they are now). */
export type PaymentRequestListItem = PaymentRequestDto & { contactName: string; createdByName: string | null };
export type PaymentRequestPage = { items: PaymentRequestListItem[]; nextCursor: string | null; totals?: PaymentTotals };

/** The list's columns: the request, its customer's name parts and its agent's name. */
export const listColumns = {
  row: paymentRequests,
  cursorTs: sql<string>`${paymentRequests.createdAt}::text`,
  contactProfileName: contacts.profileName,
  contactUsername: contacts.username,
  contactPhone: contacts.phone,
  contactBsuid: contacts.bsuid,
  createdByName: users.name,
};

export function toListItem(r: { row: PaymentRequestRow; contactProfileName: string | null; contactUsername: string | null; contactPhone: string | null; contactBsuid: string | null; createdByName: string | null }): PaymentRequestListItem {
  // Onto the fresh DTO rather than spread into a copy: a page is 50 rows of 30-odd fields.
  const item = toPaymentRequestDto(r.row) as PaymentRequestListItem;
  item.contactName = contactName(r.contactProfileName, r.contactUsername, r.contactPhone, r.contactBsuid);
  item.createdByName = r.createdByName;
  return item;
}

/** What a list's SQL text depends on; every value is a placeholder (lib/db/prepared.ts). */
function listShape(input: FilterInput) {
  return { status: input.status, from: !!input.from, to: !!input.to, agent: !!input.agentId, conversation: !!input.conversationId };
}
type ListShape = ReturnType<typeof listShape>;

const ph = placeholders("workspaceId", "from", "to", "agentId", "conversationId", "cursorTs", "cursorId");

/** A list's filters with placeholders: the status a literal, so a generic plan picks the status index. */
function shapeFilters(shape: ListShape): SQL[] {
  const where: SQL[] = [sql`${paymentRequests.workspaceId} = ${ph.workspaceId}::uuid`];
  if (shape.status) where.push(sql`${paymentRequests.status} = ${sql.raw(literalOf<PaymentStatus>(shape.status, PAYMENT_STATUSES))}`);
  if (shape.from) where.push(sql`${paymentRequests.createdAt} >= ${ph.from}::timestamptz`);
  if (shape.to) where.push(sql`${paymentRequests.createdAt} < ${ph.to}::timestamptz`);
  if (shape.agent) where.push(sql`${paymentRequests.createdBy} = ${ph.agentId}::uuid`);
  if (shape.conversation) where.push(sql`${paymentRequests.conversationId} = ${ph.conversationId}::uuid`);
  return where;
}

function preparedPage(db: Db, shape: ListShape & { cursor: boolean; pageSize: number }) {
  return preparedRead(db, `payments.page:${JSON.stringify(shape)}`, () => {
    const where = shapeFilters(shape);
    if (shape.cursor) where.push(sql`(${paymentRequests.createdAt}, ${paymentRequests.id}) < (${ph.cursorTs}::timestamptz, ${ph.cursorId}::uuid)`);
    return db
      .select(listColumns)
      .from(paymentRequests)
      .leftJoin(contacts, eq(contacts.id, paymentRequests.contactId))
      .leftJoin(users, eq(users.id, paymentRequests.createdBy))
      .where(and(...where))
      .orderBy(desc(paymentRequests.createdAt), desc(paymentRequests.id))
      .limit(literalLimit(shape.pageSize + 1));
  });
}

/** Without a date, agent or conversation filter, the totals are what migration 0021's triggers keep. */
const keptTotalsServe = (shape: ListShape) => !shape.from && !shape.to && !shape.agent && !shape.conversation;

function preparedTotals(db: Db, shape: ListShape) {
  if (keptTotalsServe(shape)) {
    return preparedRead(db, `payments.kept-totals:${shape.status ?? ""}`, () =>
      db
        .select({
          status: paymentTotals.status,
          currency: paymentTotals.currency,
          count: sql<number>`sum(${paymentTotals.n})::int`,
          amountTotal: sql<string>`sum(${paymentTotals.amountTotal})::text`,
          amountCaptured: sql<string>`sum(${paymentTotals.amountCaptured})::text`,
          amountRefunded: sql<string>`sum(${paymentTotals.amountRefunded})::text`,
        })
        .from(paymentTotals)
        .where(
          and(
            sql`${paymentTotals.workspaceId} = ${ph.workspaceId}::uuid`,
            shape.status ? sql`${paymentTotals.status} = ${sql.raw(literalOf<PaymentStatus>(shape.status, PAYMENT_STATUSES))}` : undefined,
          ),
        )
        .groupBy(paymentTotals.status, paymentTotals.currency)
        .having(sql`sum(${paymentTotals.n}) <> 0`)
        .orderBy(paymentTotals.status, paymentTotals.currency),
    );
  }
  return preparedRead(db, `payments.totals:${JSON.stringify(shape)}`, () =>
    db
      .select({
        status: paymentRequests.status,
        currency: paymentRequests.currency,
        count: sql<number>`count(*)::int`,
        amountTotal: sql<string>`sum(${paymentRequests.amountTotal})::text`,
        amountCaptured: sql<string>`sum(${paymentRequests.amountCaptured})::text`,
        amountRefunded: sql<string>`sum(${paymentRequests.amountRefunded})::text`,
      })
      .from(paymentRequests)
      .where(and(...shapeFilters(shape)))
      .groupBy(paymentRequests.status, paymentRequests.currency)
      .orderBy(paymentRequests.status, paymentRequests.currency),
  );
}

type FilterInput = Omit<ListPaymentRequestsInput, "cursor" | "limit">;
const filterValues = (workspaceId: string, input: FilterInput) => ({
  workspaceId,
  from: input.from ? new Date(input.from).toISOString() : null,
  to: input.to ? new Date(input.to).toISOString() : null,
  agentId: input.agentId ?? null,
  conversationId: input.conversationId ?? null,
});

/**
 * Up to `size` + 1 rows the filters select after `after` (keyset, newest first): one more than asked
 * says whether another page follows. The list's page and the CSV export's batches.
 */
export function findPaymentRequestRows(
  db: Db,
  { workspaceId, input, after, size }: { workspaceId: string; input: FilterInput; after: { ts: string; id: string } | null; size: number },
) {
  return preparedPage(db, { ...listShape(input), cursor: !!after, pageSize: pageSizeFor(size) }).execute({
    ...filterValues(workspaceId, input),
    cursorTs: after?.ts ?? null,
    cursorId: after?.id ?? null,
  });
}

/**
 * One keyset page, newest first (never OFFSET). The first page (no cursor) also carries the
 * totals per status and currency for the same filters — what the leads' page shows on top.
 */
export async function listPaymentRequests(db: Db, { workspaceId, input }: { workspaceId: string; input: ListPaymentRequestsInput }): Promise<PaymentRequestPage> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const [rows, totals] = await Promise.all([
    findPaymentRequestRows(db, { workspaceId, input, after, size: input.limit }),
    after ? undefined : preparedTotals(db, listShape(input)).execute(filterValues(workspaceId, input)),
  ]);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const result: PaymentRequestPage = {
    items: page.map(toListItem),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.cursorTs, last.row.id) : null,
  };
  if (totals) {
    result.totals = totals.map((t) => ({
      status: t.status as PaymentStatus,
      currency: t.currency as Currency,
      count: t.count,
      amountTotal: Number(t.amountTotal),
      amountCaptured: Number(t.amountCaptured),
      amountRefunded: Number(t.amountRefunded),
    }));
  }
  return result;
}

/** The row behind a pay link, or a 404 (a malformed token is not even looked up). */
export async function findRowByPayToken(db: Db, token: string, opts: { lock?: boolean } = {}): Promise<PaymentRequestRow> {
  if (!isWellFormedPayToken(token)) throw paymentErrors.payLinkNotFound();
  const q = db.select().from(paymentRequests).where(eq(paymentRequests.payTokenHash, hashPayToken(token))).limit(1);
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw paymentErrors.payLinkNotFound();
  return row;
}

/** What the public pay page shows: the payee, what is paid for, the amount, the expiry, the status. Nothing else. */
export type PublicPaymentView = {
  business: { name: string; verified: boolean };
  reference: string;
  description: string;
  lineItems: { name: string; quantity: number; unitAmount: number; amount: number }[];
  currency: Currency;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  taxRate: number;
  amountTotal: number;
  /** What was paid back (a refunded page says how much). */
  amountRefunded: number;
  expiresAt: string;
  /** pending | paid | expired | cancelled | refunded | partially_refunded; a pending request past its expiry reads expired. */
  status: PaymentStatus;
  payable: boolean;
  paidAt: string | null;
  lastFailure: { code: string; message: string } | null;
  /** `sandbox`: the page shows its card form; otherwise it sends the customer to `checkoutUrl`. */
  provider: string;
  checkoutUrl: string | null;
  /** The business's time zone (IANA): the page says the expiry in it. */
  timeZone: string;
  /** The language WhatsApp reported for this customer ("it_IT"), or null: the page's first choice of language. */
  locale: string | null;
};

export async function getPublicPaymentView(db: Db, { token, now = new Date() }: { token: string; now?: Date }): Promise<PublicPaymentView> {
  const row = await findRowByPayToken(db, token);
  const [ch] = await db
    .select({ phoneNumberId: channels.phoneNumberId, verifiedName: channels.verifiedName, verified: channels.verified })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.id, row.conversationId))
    .limit(1);
  // Only the request's own workspace and its own customer: nothing of anyone else.
  const [ws] = await db.select({ timeZone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, row.workspaceId)).limit(1);
  const [contact] = await db.select({ locale: contacts.locale }).from(contacts).where(and(eq(contacts.workspaceId, row.workspaceId), eq(contacts.id, row.contactId))).limit(1);
  const profile = ch ? await findBusinessProfile(db, { phoneNumberId: ch.phoneNumberId }) : null;
  const status = row.status as PaymentStatus;
  const payable = isPayable({ status, expiresAt: row.expiresAt }, now);
  return {
    business: profile ?? { name: ch?.verifiedName ?? "", verified: ch?.verified ?? false },
    reference: row.reference,
    description: row.description,
    lineItems: row.lineItems,
    currency: row.currency as Currency,
    amountSubtotal: row.amountSubtotal,
    amountDiscount: row.amountDiscount,
    amountTax: row.amountTax,
    taxRate: row.taxRateBps / 100,
    amountTotal: row.amountTotal,
    amountRefunded: row.amountRefunded,
    expiresAt: row.expiresAt.toISOString(),
    status: status === "pending" && !payable ? "expired" : status,
    payable,
    paidAt: row.paidAt?.toISOString() ?? null,
    lastFailure: status === "pending" && row.lastFailure ? { code: row.lastFailure.code, message: row.lastFailure.message } : null,
    provider: row.provider,
    checkoutUrl: payable ? row.checkoutUrl : null,
    timeZone: ws?.timeZone ?? "UTC",
    locale: contact?.locale ?? null,
  };
}

// Served by the route file and by server.mjs's lean path (lib/http/read-route.ts), like the inbox's reads.

/** GET /api/payment-requests: a keyset page of the workspace's payment requests; the first page carries the totals. */
export const listPaymentRequestsRead = defineReadRoute({
  action: "payment:read",
  run: ({ actor, db, query }) => listPaymentRequests(db, { workspaceId: actor.workspaceId, input: parseWith(listPaymentRequestsSchema, query) }),
});
