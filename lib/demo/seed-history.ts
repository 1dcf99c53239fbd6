// A month of finished work for the reports (/reports): resolved conversations over the last 30
// days with realistic first-response times (minutes in office hours, the next morning at night),
// a few 24-hour-window misses (the customer's last message left unanswered, resolved days later),
// CSAT answers, and payment requests, some paid. Deterministic (its own PRNG, times relative to
// `now`), reusing the demo's customers without overlapping their conversations, written in a few
// multi-row inserts. The existing resolved conversations get their CSAT answers too.
import { createHash, randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { contacts, conversations, messages, paymentRequests, teamMemberships, teams, users, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { summarizeMessages } from "@/lib/conversations/summary";
import { mulberry32 } from "./seed";
import { HISTORY_LINES, HOUR_WEIGHTS, PER_WEEKDAY, RATING_WEIGHTS, type HistoryLang } from "./seed-history-data";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The main seed (./seed.ts) fills the last 10.5 days: history is thinner there. */
const MAIN_SEED_DAYS = 10.5;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const between = (r: Rand, lo: number, hi: number) => Math.floor((lo + r() * (hi - lo)) / 1000) * 1000;
function weighted(r: Rand, weights: readonly number[]): number {
  let x = r() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
  return weights.length - 1;
}

/** The zone's offset from UTC at `ms`, read from Intl (DST included). */
function offsetMs(timeZone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(ms));
  const v = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(v("year"), v("month") - 1, v("day"), v("hour"), v("minute"), v("second")) - Math.floor(ms / 1000) * 1000;
}

/** How long the customer waits for our first reply, from their local hour. */
function firstResponseDelay(r: Rand, localHour: number): number {
  if (localHour >= 21 || localHour < 7) {
    // Nobody is on shift: answered the next morning between 8:00 and 9:30.
    const until8 = ((24 + 8 - localHour) % 24) * HOUR;
    return Math.max(10 * MINUTE, until8 + between(r, 0, 90 * MINUTE));
  }
  const x = r();
  if (x < 0.55) return between(r, 40_000, 8 * MINUTE);
  if (x < 0.85) return between(r, 8 * MINUTE, 35 * MINUTE);
  if (x < 0.97) return between(r, 35 * MINUTE, 2.5 * HOUR);
  return between(r, 2.5 * HOUR, 6 * HOUR);
}

export type HistorySummary = { conversations: number; messages: number; payments: number; ratings: number };

export async function seedReportHistory(db: Db, opts: { workspaceId: string; channelId: string; now?: Date; days?: number }): Promise<HistorySummary> {
  const { workspaceId, channelId } = opts;
  const nowMs = Math.floor((opts.now ?? new Date()).getTime() / 1000) * 1000;
  const r = mulberry32(0x4e907_2a5);
  const [ws] = await db.select({ timeZone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const timeZone = ws?.timeZone ?? "Europe/Rome";
  const staff = await db
    .select({ id: users.id, role: users.role, team: teams.name, teamId: teams.id })
    .from(users)
    .innerJoin(teamMemberships, eq(teamMemberships.userId, users.id))
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(eq(users.workspaceId, workspaceId))
    .orderBy(asc(users.email));
  const teamIds = [...new Set(staff.map((s) => s.teamId))];
  if (teamIds.length === 0) return { conversations: 0, messages: 0, payments: 0, ratings: 0 };
  const people = await db.select({ id: contacts.id, locale: contacts.locale }).from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(asc(contacts.waId));
  const existing = await db
    .select({ id: conversations.id, contactId: conversations.contactId, createdAt: conversations.createdAt, lastMessageAt: conversations.lastMessageAt, status: conversations.status, resolvedAt: conversations.resolvedAt })
    .from(conversations)
    .where(eq(conversations.workspaceId, workspaceId))
    .orderBy(asc(conversations.createdAt));
  const busy = new Map<string, [number, number][]>();
  for (const c of existing) {
    // A live conversation is the customer's newest: nothing may come after its start.
    const end = c.status === "resolved" ? (c.resolvedAt ?? c.lastMessageAt).getTime() : Number.POSITIVE_INFINITY;
    busy.set(c.contactId, [...(busy.get(c.contactId) ?? []), [c.createdAt.getTime() - HOUR, end + HOUR]]);
  }
  const free = (contactId: string, start: number, end: number) => (busy.get(contactId) ?? []).every(([a, b]) => end < a || start > b);

  const convRows: (typeof conversations.$inferInsert)[] = [];
  const msgRows: (typeof messages.$inferInsert)[] = [];
  const payRows: (typeof paymentRequests.$inferInsert)[] = [];
  const days = opts.days ?? 30;
  for (let d = days; d >= 1; d--) {
    const dayMs = nowMs - d * DAY;
    const local = new Date(dayMs + offsetMs(timeZone, dayMs));
    const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offsetMs(timeZone, dayMs);
    const weekday = (local.getUTCDay() + 6) % 7;
    const count = Math.round((PER_WEEKDAY[weekday]! + Math.floor(r() * 3) - 1) * (d < MAIN_SEED_DAYS ? 0.35 : 1));
    for (let i = 0; i < count; i++) {
      const hour = weighted(r, HOUR_WEIGHTS);
      const start = midnight + hour * HOUR + between(r, 0, HOUR);
      const frt = firstResponseDelay(r, hour);
      const miss = r() < 0.1;
      // customer, us, customer, us (, customer's thanks): gaps in minutes once the talk started.
      const offsets = [0, frt, frt + between(r, MINUTE, 20 * MINUTE)];
      offsets.push(offsets[2]! + between(r, 2 * MINUTE, 25 * MINUTE));
      const thanks = r() < 0.6;
      if (thanks) offsets.push(offsets[3]! + between(r, MINUTE, 30 * MINUTE));
      // A miss: the customer's question after our first answer is never answered; a lead resolves it days later.
      const kept = miss ? 3 : offsets.length;
      const lastMs = start + offsets[kept - 1]!;
      const resolvedMs = miss ? lastMs + between(r, 26 * HOUR, 60 * HOUR) : lastMs + between(r, 2 * MINUTE, 40 * MINUTE);
      if (resolvedMs >= nowMs - 30 * MINUTE) continue;
      const contact = people.slice(Math.floor(r() * people.length)).concat(people).find((p) => free(p.id, start, resolvedMs));
      if (!contact) continue;
      busy.set(contact.id, [...(busy.get(contact.id) ?? []), [start - HOUR, resolvedMs + HOUR]]);

      const teamId = pick(r, teamIds);
      const crew = staff.filter((s) => s.teamId === teamId);
      const agents = crew.filter((s) => s.role === "agent");
      const assignee = r() < 0.12 ? (crew.find((s) => s.role === "lead") ?? pick(r, crew)) : pick(r, agents.length ? agents : crew);
      const lang: HistoryLang = contact.locale?.startsWith("it") ? "it" : "en";
      const L = HISTORY_LINES[lang];
      const pnr = Array.from({ length: 6 }, () => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[Math.floor(r() * 32)]).join("");
      const texts = [pick(r, L.open), pick(r, L.answer), pick(r, L.follow), pick(r, L.close), pick(r, L.thanks)].map((t) => t.replace("{pnr}", pnr));
      const conversationId = randomUUID();
      const drafts = offsets.slice(0, kept).map((o, k) => ({ direction: k % 2 === 0 ? ("inbound" as const) : ("outbound" as const), text: texts[k]!, createdAt: new Date(start + o) }));
      for (const m of drafts) {
        const out = m.direction === "outbound";
        const t = m.createdAt.getTime();
        msgRows.push({
          workspaceId, conversationId, channelId, direction: m.direction, authorType: out ? "agent" : "customer", authorUserId: out ? assignee.id : null,
          kind: "text", text: m.text, providerMessageId: `wamid.HIST${createHash("sha1").update(`${conversationId}${t}`).digest("hex").slice(0, 24)}`,
          status: out ? "read" : null, sentAt: out ? new Date(t + 1000) : null, deliveredAt: out ? new Date(t + 3000) : null, readAt: out ? new Date(t + between(r, 10_000, 5 * MINUTE)) : null, createdAt: m.createdAt,
        });
      }
      const rated = !miss && r() < 0.62;
      const answered = rated && r() < 0.6;
      convRows.push({
        id: conversationId, workspaceId, contactId: contact.id, channelId, status: "resolved", priority: "normal", assigneeId: assignee.id, teamId,
        ...summarizeMessages(drafts, "resolved"),
        resolvedAt: new Date(resolvedMs), assignedAt: new Date(start + Math.min(frt, between(r, 20_000, 3 * MINUTE))),
        csatRequestedAt: rated ? new Date(resolvedMs) : null,
        csatRating: answered ? weighted(r, RATING_WEIGHTS) + 1 : null,
        csatAnsweredAt: answered ? new Date(resolvedMs + between(r, MINUTE, 40 * MINUTE)) : null,
        createdAt: new Date(start), updatedAt: new Date(resolvedMs),
      });
      if (teamId === staff.find((s) => s.team === "Payments")?.teamId && r() < 0.4) {
        const total = (Math.floor(r() * 45) + 3) * 1000 - 100;
        const paid = r() < 0.75;
        const createdMs = start + offsets[3]! - MINUTE;
        const id = randomUUID();
        payRows.push({
          id, workspaceId, conversationId, contactId: contact.id, createdBy: assignee.id, reference: `VZ-H${id.slice(0, 8).toUpperCase()}`,
          currency: lang === "it" || r() < 0.5 ? "EUR" : "GBP", lineItems: [{ name: lang === "it" ? "Differenza tariffaria" : "Fare difference", quantity: 1, unitAmount: total, amount: total }],
          amountSubtotal: total, amountTax: 0, amountTotal: total, amountCaptured: paid ? total : 0, amountRefunded: paid && r() < 0.08 ? total : 0,
          description: lang === "it" ? `Cambio prenotazione ${pnr}` : `Booking change ${pnr}`, status: paid ? "paid" : "expired",
          expiresAt: new Date(createdMs + DAY), payTokenNonce: randomUUID(), payTokenHash: createHash("sha256").update(id).digest("hex"),
          paidAt: paid ? new Date(createdMs + between(r, 2 * MINUTE, 50 * MINUTE)) : null, expiredAt: paid ? null : new Date(createdMs + DAY),
          createdAt: new Date(createdMs), updatedAt: new Date(createdMs),
        });
      }
    }
  }
  for (const p of payRows) if (p.amountRefunded) p.status = "refunded";

  // The main seed's resolved conversations were asked for a rating too; some answered.
  const ratings = existing
    .filter((c) => c.status === "resolved" && c.resolvedAt)
    .flatMap((c) => (r() < 0.6 ? [{ id: c.id, at: c.resolvedAt!.getTime(), rating: r() < 0.6 ? weighted(r, RATING_WEIGHTS) + 1 : null }] : []));

  await db.transaction(async (tx) => {
    for (let i = 0; i < convRows.length; i += 500) await tx.insert(conversations).values(convRows.slice(i, i + 500));
    for (let i = 0; i < msgRows.length; i += 1000) await tx.insert(messages).values(msgRows.slice(i, i + 1000));
    if (payRows.length) await tx.insert(paymentRequests).values(payRows);
    if (ratings.length) {
      const values = sql.join(ratings.map((x) => sql`(${x.id}::uuid, ${new Date(x.at).toISOString()}::timestamptz, ${x.rating}::int)`), sql`, `);
      await tx.execute(sql`
        update conversations c set csat_requested_at = v.at, csat_rating = v.rating,
               csat_answered_at = case when v.rating is null then null else v.at + interval '7 minutes' end
          from (values ${values}) as v(id, at, rating) where c.id = v.id`);
    }
    // A customer is known since their first conversation.
    await tx.execute(sql`
      update contacts k set created_at = f.first
        from (select contact_id, min(created_at) as first from conversations where workspace_id = ${workspaceId}::uuid group by contact_id) f
       where k.id = f.contact_id and f.first < k.created_at`);
  });
  // Fresh statistics for the planner (PGlite runs no autovacuum): the reports' joins depend on them.
  await db.execute(sql`analyze conversations, messages, payment_requests, contacts`);
  return { conversations: convRows.length, messages: msgRows.length, payments: payRows.length, ratings: ratings.filter((x) => x.rating !== null).length + convRows.filter((c) => c.csatRating).length };
}
