import "server-only";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { contacts, paymentRequests, paymentTotals, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { decodeCursor, encodeCursor } from "@/lib/db/cursor";
import { contactName } from "@/lib/conversations/queries";
import { defineReadRoute } from "@/lib/http/read-route";
import { parseWith } from "@/lib/http/route";
import { literalLimit, literalOf, pageSizeFor, placeholders, preparedRead } from "@/lib/db/prepared";
import { toPaymentRequestFields, type PaymentRequestDto, type PaymentRequestFields } from "./dto";
import type { Currency } from "./money";
import { listPaymentRequestsSchema, type ListPaymentRequestsInput } from "./schemas";
import { PAYMENT_STATUSES, type PaymentStatus } from "./state";

export type PaymentTotals = { status: PaymentStatus; currency: Currency; count: number; amountTotal: number; amountCaptured: number; amountRefunded: number }[];

/**
 * A row of the list: what the leads' table shows, filters on and links to, with who it was asked
 * of and who asked (names as they are now). The whole request (line items, tax, pay link, refunds)
 * is GET /api/payment-requests/:id; a page of 50 summaries is a third of the bytes and of the work.
 */
export type PaymentRequestListItem = Pick<
  PaymentRequestDto,
  "id" | "reference" | "status" | "currency" | "amountTotal" | "amountCaptured" | "amountRefunded" | "description" | "conversationId" | "contactId" | "bookingId" | "createdBy" | "expiresAt" | "paidAt" | "createdAt"
> & { contactName: string; createdByName: string | null };
export type PaymentRequestPage = { items: PaymentRequestListItem[]; nextCursor: string | null; totals?: PaymentTotals };
/** A row of the CSV export: the whole request with the same names (no pay link: a CSV never prints it). */
export type PaymentRequestExportItem = PaymentRequestFields & { contactName: string; createdByName: string | null };

const nameColumns = {
  cursorTs: sql<string>`${paymentRequests.createdAt}::text`,
  contactProfileName: contacts.profileName,
  contactUsername: contacts.username,
  contactPhone: contacts.phone,
  contactBsuid: contacts.bsuid,
  createdByName: users.name,
};

/** The list's columns: only what a list item carries (no line items, no JSON to decode). */
const listColumns = {
  id: paymentRequests.id,
  reference: paymentRequests.reference,
  status: paymentRequests.status,
  currency: paymentRequests.currency,
  amountTotal: paymentRequests.amountTotal,
  amountCaptured: paymentRequests.amountCaptured,
  amountRefunded: paymentRequests.amountRefunded,
  description: paymentRequests.description,
  conversationId: paymentRequests.conversationId,
  contactId: paymentRequests.contactId,
  bookingId: paymentRequests.bookingId,
  createdBy: paymentRequests.createdBy,
  expiresAt: paymentRequests.expiresAt,
  paidAt: paymentRequests.paidAt,
  createdAt: paymentRequests.createdAt,
  ...nameColumns,
};

/** The export's columns: the whole request. */
const exportColumns = { row: paymentRequests, ...nameColumns };

// Rows as drizzle types them from the columns above: a column added there is seen here.
type ListRow = Awaited<ReturnType<typeof findPaymentRequestRows>>[number];
type ExportRow = Awaited<ReturnType<typeof findPaymentRequestExportRows>>[number];

function toListItem(r: ListRow): PaymentRequestListItem {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status as PaymentStatus,
    currency: r.currency as Currency,
    amountTotal: r.amountTotal,
    amountCaptured: r.amountCaptured,
    amountRefunded: r.amountRefunded,
    description: r.description,
    conversationId: r.conversationId,
    contactId: r.contactId,
    bookingId: r.bookingId,
    createdBy: r.createdBy,
    expiresAt: r.expiresAt.toISOString(),
    paidAt: r.paidAt ? r.paidAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    contactName: contactName(r.contactProfileName, r.contactUsername, r.contactPhone, r.contactBsuid),
    createdByName: r.createdByName,
  };
}

export function toExportItem(r: ExportRow): PaymentRequestExportItem {
  // Onto the fresh object rather than spread into a copy: a batch is a thousand rows of 30-odd fields.
  const item = toPaymentRequestFields(r.row) as PaymentRequestExportItem;
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

type PageShape = ListShape & { cursor: boolean; pageSize: number };

function pageWhere(shape: PageShape): SQL | undefined {
  const where = shapeFilters(shape);
  if (shape.cursor) where.push(sql`(${paymentRequests.createdAt}, ${paymentRequests.id}) < (${ph.cursorTs}::timestamptz, ${ph.cursorId}::uuid)`);
  return and(...where);
}

// The list's page and the export's batch differ only in their columns: one builder, so their
// filters, order and keyset cannot drift apart.
const pageColumns = { page: listColumns, export: exportColumns };

function preparedPage<K extends keyof typeof pageColumns>(db: Db, kind: K, shape: PageShape) {
  return preparedRead(db, `payments.${kind}:${JSON.stringify(shape)}`, () =>
    db
      .select(pageColumns[kind])
      .from(paymentRequests)
      .leftJoin(contacts, eq(contacts.id, paymentRequests.contactId))
      .leftJoin(users, eq(users.id, paymentRequests.createdBy))
      .where(pageWhere(shape))
      .orderBy(desc(paymentRequests.createdAt), desc(paymentRequests.id))
      .limit(literalLimit(shape.pageSize + 1)),
  );
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

type PageArgs = { workspaceId: string; input: FilterInput; after: { ts: string; id: string } | null; size: number };
const pageShape = (input: FilterInput, after: PageArgs["after"], size: number): PageShape => ({ ...listShape(input), cursor: !!after, pageSize: pageSizeFor(size) });
const pageValues = ({ workspaceId, input, after }: PageArgs) => ({ ...filterValues(workspaceId, input), cursorTs: after?.ts ?? null, cursorId: after?.id ?? null });

/**
 * Up to `size` + 1 rows the filters select after `after` (keyset, newest first): one more than asked
 * says whether another page follows. The list's page, as summaries.
 */
function findPaymentRequestRows(db: Db, args: PageArgs) {
  return preparedPage(db, "page", pageShape(args.input, args.after, args.size)).execute(pageValues(args));
}

/** The same rows whole, for the CSV export's batches. */
export function findPaymentRequestExportRows(db: Db, args: PageArgs) {
  return preparedPage(db, "export", pageShape(args.input, args.after, args.size)).execute(pageValues(args));
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
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.cursorTs, last.id) : null,
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

// Served by the route file and by server.mjs's lean path (lib/http/read-route.ts), like the inbox's reads.

/** GET /api/payment-requests: a keyset page of the workspace's payment requests; the first page carries the totals. */
export const listPaymentRequestsRead = defineReadRoute({
  action: "payment:read",
  run: ({ actor, db, query }) => listPaymentRequests(db, { workspaceId: actor.workspaceId, input: parseWith(listPaymentRequestsSchema, query) }),
});
