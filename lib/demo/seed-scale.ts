// Years of history on top of the demo workspace (`npm run seed:scale`), for measuring the inbox at
// scale (issue 14): N conversations and M messages with skewed thread lengths (most short, a long
// tail), 40 more agents in more teams, mostly resolved conversations and a few thousand live ones,
// labels, bookings, template sends, payment requests and CSAT. Deterministic (its own PRNG, times
// relative to `now`).
//
// Rows go in as JSON arrays expanded by json_populate_recordset: one parameter per statement, so a
// batch is thousands of rows whatever the column count (a multi-row VALUES list is capped at 65,535
// parameters), and the very same statements run on PGlite and PostgreSQL without a COPY
// dependency. The denormalised columns of each conversation come from summarizeMessages, the fold
// the live paths are tested against, so the inbox shows exactly what the app would have written.
import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, like, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { bookings, channels, contacts, labels, teams, users, workspaces } from "@/lib/db/schema";
import { summarizeMessages, type MessageFacts } from "@/lib/conversations/summary";
import { describeSystemEvent } from "@/lib/conversations/system-events";
import type { SystemEventPayload } from "@/lib/content/message-content";
import { mulberry32 } from "./seed";
import { DEMO_WORKSPACE, FIRST_NAMES, LAST_NAMES } from "./seed-data";
import { HISTORY_LINES, HOUR_WEIGHTS, RATING_WEIGHTS, type HistoryLang } from "./seed-history-data";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Scale contacts' numbers start here: +999 is no country's code, so no demo (or real) number clashes. */
export const WA_PREFIX = "9990";
const SCALE_TEAMS = ["Baggage", "Disruptions", "Loyalty", "Groups", "Refunds"] as const;
const SCALE_AGENTS = 40;
const MAX_THREAD = 2_000;
const EXTRA_WORDS = ["Roma", "Milano", "Napoli", "Londra", "Parigi", "Madrid", "Berlino", "Catania", "Palermo", "Torino", "Bari", "Venezia", "rimborso", "bagaglio", "ritardo", "cancellato", "posto", "check-in", "fattura", "upgrade"];

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function weighted(r: Rand, weights: readonly number[]): number {
  let x = r() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
  return weights.length - 1;
}
/** A standard normal draw (Box–Muller). */
const gauss = (r: Rand) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

export type ScaleProgress = { phase: "contacts" | "conversations" | "analyze"; done: number; total: number; rows: number };
export type ScaleSummary = {
  workspaceId: string;
  contacts: number;
  conversations: number;
  /** Customer and agent messages (exactly `messages`); system events come on top. */
  messages: number;
  events: number;
  bookings: number;
  payments: number;
  labelLinks: number;
  agents: number;
  teams: number;
  byStatus: Record<"open" | "pending" | "snoozed" | "resolved", number>;
  rows: number;
  ms: number;
};

/**
 * Thread lengths: log-normal (most threads a few messages, a long tail of hundreds), scaled so
 * they add up to exactly `messages` (at least 1 each, at most MAX_THREAD).
 */
export function threadLengths(r: Rand, conversations: number, messages: number): number[] {
  if (conversations === 0) return [];
  const avg = Math.max(1, messages / conversations);
  const sigma = 1.1;
  const mu = Math.log(avg) - (sigma * sigma) / 2;
  const raw = Array.from({ length: conversations }, () => Math.exp(mu + sigma * gauss(r)));
  const total = raw.reduce((s, x) => s + x, 0);
  const lengths = raw.map((x) => Math.min(MAX_THREAD, Math.max(1, Math.round((x * messages) / total))));
  let diff = messages - lengths.reduce((s, x) => s + x, 0);
  // Spread the rounding difference one message at a time over random threads.
  for (let guard = 0; diff !== 0 && guard < 50 * conversations + 1000; guard++) {
    const i = Math.floor(r() * conversations);
    if (diff > 0 && lengths[i]! < MAX_THREAD) {
      lengths[i]! += 1;
      diff--;
    } else if (diff < 0 && lengths[i]! > 1) {
      lengths[i]! -= 1;
      diff++;
    }
  }
  return lengths;
}

/** Staff for the scale data: the demo's people plus SCALE_AGENTS agents in SCALE_TEAMS (created once, reused on a rerun). */
async function ensureStaff(db: Db, workspaceId: string) {
  const [admin] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.email)).limit(1);
  if (!admin) throw new Error("The demo workspace has no users: run `npm run seed` first.");
  // No auto-assignment in these teams: the server's routing job must not rewrite the data under a benchmark.
  await db.insert(teams).values(SCALE_TEAMS.map((name) => ({ workspaceId, name, autoAssign: false }))).onConflictDoNothing();
  const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, workspaceId)).orderBy(asc(teams.name));
  const r = mulberry32(0x5ca1e);
  const agents = Array.from({ length: SCALE_AGENTS }, (_, i) => {
    const first = pick(r, FIRST_NAMES.IT);
    const last = pick(r, LAST_NAMES.IT);
    const n = String(i + 1).padStart(2, "0");
    // Same password as the demo's logins (the admin's hash), offline so routing never picks them.
    return { workspaceId, email: `agent${n}.scale@voloazzurro.it`, name: `${first} ${last}`, passwordHash: admin.hash, role: "agent" as const, availability: "offline" as const };
  });
  await db.insert(users).values(agents).onConflictDoNothing();
  const staff = await db.select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.email));
  const scaleAgents = staff.filter((s) => s.email.endsWith(".scale@voloazzurro.it"));
  const scaleTeams = teamRows.filter((t) => (SCALE_TEAMS as readonly string[]).includes(t.name));
  const memberships = scaleAgents.map((a, i) => ({ workspaceId, teamId: scaleTeams[i % scaleTeams.length]!.id, userId: a.id }));
  await db.execute(sql`insert into team_memberships (workspace_id, team_id, user_id) select * from json_to_recordset(${JSON.stringify(memberships.map((m) => ({ w: m.workspaceId, t: m.teamId, u: m.userId })))}::json) as x(w uuid, t uuid, u uuid) on conflict do nothing`);
  const members = await db.execute(sql`select team_id, user_id from team_memberships where workspace_id = ${workspaceId}::uuid order by team_id, user_id`);
  const rows = (Array.isArray(members) ? members : (members as { rows: { team_id: string; user_id: string }[] }).rows) as { team_id: string; user_id: string }[];
  const crews = teamRows.map((t) => ({ id: t.id, name: t.name, members: rows.filter((m) => m.team_id === t.id).map((m) => staff.find((s) => s.id === m.user_id)!).filter(Boolean) }));
  return { staff, crews: crews.filter((c) => c.members.length > 0), agents: scaleAgents.length, teams: teamRows.length };
}

async function insertJson(db: Db, table: string, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  await db.execute(sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`);
}

/** The demo workspace and its channel (seedScale needs the demo seed underneath). */
export async function findDemoWorkspace(db: Db): Promise<{ workspaceId: string; channelId: string } | null> {
  const [row] = await db
    .select({ workspaceId: workspaces.id, channelId: channels.id })
    .from(workspaces)
    .innerJoin(channels, eq(channels.workspaceId, workspaces.id))
    .where(eq(workspaces.name, DEMO_WORKSPACE.name))
    .orderBy(asc(channels.createdAt))
    .limit(1);
  return row ?? null;
}

export async function seedScale(
  db: Db,
  opts: { workspaceId: string; channelId: string; conversations: number; messages: number; now?: Date; seed?: number; batch?: number; onProgress?: (p: ScaleProgress) => void },
): Promise<ScaleSummary> {
  const started = performance.now();
  const { workspaceId, channelId } = opts;
  const N = opts.conversations;
  if (opts.messages < N) throw new Error("--messages must be at least --conversations (every thread has a message).");
  const nowMs = Math.floor((opts.now ?? new Date()).getTime() / 1000) * 1000;
  const r = mulberry32(opts.seed ?? 0x14_5ca1e);
  const progress = opts.onProgress ?? (() => undefined);
  const { crews, agents, teams: teamCount } = await ensureStaff(db, workspaceId);
  const labelRows = await db.select({ id: labels.id }).from(labels).where(eq(labels.workspaceId, workspaceId));
  // A rerun adds new customers after the previous run's.
  const [{ n: already } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(and(eq(contacts.workspaceId, workspaceId), like(contacts.waId, `${WA_PREFIX}%`)));
  const [protoBooking] = await db.select({ passengers: bookings.passengers, legs: bookings.legs, totalAmount: bookings.totalAmount, currency: bookings.currency }).from(bookings).where(eq(bookings.workspaceId, workspaceId)).limit(1);
  let rows = 0;

  // ---- Customers: some write once, a few write again and again (Zipf-like reuse below).
  const C = Math.max(1, Math.ceil(N * 0.55));
  const people: { id: string; lang: HistoryLang; name: string }[] = [];
  const bookingOf = new Map<number, string>();
  for (let from = 0; from < C; from += 5_000) {
    const contactRows: Record<string, unknown>[] = [];
    const bookingRows: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(C, from + 5_000); i++) {
      const it = r() < 0.8;
      const country = it ? "IT" : pick(r, ["GB", "DE", "US"] as const);
      const first = pick(r, FIRST_NAMES[country]);
      const last = pick(r, LAST_NAMES[country]);
      const id = randomUUID();
      const waId = `${WA_PREFIX}${String(already + i).padStart(8, "0")}`;
      const createdAt = new Date(nowMs - 800 * DAY);
      contactRows.push({ id, workspace_id: workspaceId, wa_id: waId, profile_name: r() < 0.7 ? `${first} ${last}` : first, phone: `+${waId}`, locale: it ? "it_IT" : "en_GB", timezone: it ? "Europe/Rome" : "Europe/London", created_at: createdAt });
      people.push({ id, lang: it ? "it" : "en", name: first });
      if (protoBooking && r() < 0.2) {
        const bid = randomUUID();
        bookingOf.set(i, bid);
        // PNRs of the scale data: "S" + 5 base-32 characters of the customer's number (unique).
        const pnr = `S${(already + i).toString(32).toUpperCase().padStart(5, "0")}`;
        bookingRows.push({ id: bid, workspace_id: workspaceId, contact_id: id, pnr, status: pick(r, ["confirmed", "ticketed", "flown", "flown", "flown", "cancelled"]), passengers: protoBooking.passengers, legs: protoBooking.legs, total_amount: protoBooking.totalAmount, currency: protoBooking.currency, created_at: createdAt, updated_at: createdAt });
      }
    }
    await insertJson(db, "contacts", contactRows);
    await insertJson(db, "bookings", bookingRows);
    rows += contactRows.length + bookingRows.length;
    progress({ phase: "contacts", done: Math.min(C, from + 5_000), total: C, rows });
  }

  // ---- Conversations: live ones (open, pending, snoozed) on distinct customers in the last days, the rest resolved over two years.
  const lengths = threadLengths(r, N, opts.messages);
  const liveShare = 0.03;
  const byStatus = { open: 0, pending: 0, snoozed: 0, resolved: 0 };
  const counts = { messages: 0, events: 0, payments: 0, labelLinks: 0, bookings: bookingOf.size };
  const liveStartOf = new Map<number, number>();
  const batch = opts.batch ?? 2_000;
  let inflight: Promise<void> = Promise.resolve();
  for (let from = 0; from < N; from += batch) {
    const convRows: Record<string, unknown>[] = [];
    const msgRows: Record<string, unknown>[] = [];
    const linkRows: Record<string, unknown>[] = [];
    const payRows: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(N, from + batch); i++) {
      const live = i < Math.min(C, Math.round(N * liveShare));
      const status = live ? (["open", "open", "open", "pending", "snoozed"] as const)[Math.floor(r() * 5)]! : "resolved";
      // Live: customer i (distinct). Resolved: customers reused with a skew (a few very frequent).
      const ci = live ? i : Math.min(C - 1, Math.floor(C * r() ** 1.6));
      const person = people[ci]!;
      const len = lengths[i]!;
      // Busier recently: starts drawn towards now; each thread takes minutes to days.
      const span = Math.min(len, 40) * (5 + r() * 25) * MINUTE + (len > 40 ? (len / 40) * DAY : 0);
      let start: number;
      if (live) {
        start = nowMs - span - r() * 6 * DAY - 10 * MINUTE;
        liveStartOf.set(ci, start);
      } else {
        const dayAgo = Math.max(1.5, 730 * r() ** 1.4);
        const day = nowMs - dayAgo * DAY;
        start = day - (day % DAY) + weighted(r, HOUR_WEIGHTS) * HOUR - HOUR + Math.floor(r() * HOUR);
        // A resolved conversation of a customer who has a live one ended before that began.
        const liveStart = liveStartOf.get(ci);
        if (liveStart !== undefined && start + span > liveStart - HOUR) start = liveStart - HOUR - span - r() * 30 * DAY;
        if (start + span > nowMs - DAY) start = nowMs - DAY - span;
      }
      const crew = pick(r, crews);
      const assigned = status === "resolved" || r() < 0.7;
      const assignee = assigned ? pick(r, crew.members) : null;
      const conversationId = randomUUID();
      const L = HISTORY_LINES[person.lang];
      const pnr = bookingOf.has(ci) ? `S${(already + ci).toString(32).toUpperCase().padStart(5, "0")}` : Array.from({ length: 6 }, () => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[Math.floor(r() * 32)]).join("");
      // Messages: runs of customer and agent messages; the first is the customer's.
      const facts: MessageFacts[] = [];
      const gap = span / Math.max(1, len);
      let t = start;
      let dir: "inbound" | "outbound" = "inbound";
      const withPayment = !live && crew.name === "Payments" && len >= 4 && r() < 0.4;
      for (let k = 0; k < len; k++) {
        if (k > 0) {
          t += Math.max(1000, Math.round(gap * (0.3 + r() * 1.4)));
          if (r() < 0.55) dir = dir === "inbound" ? "outbound" : "inbound";
        }
        const bank = dir === "inbound" ? (k === 0 ? L.open : k === len - 1 ? L.thanks : L.follow) : k === 1 ? L.answer : L.close;
        let text = pick(r, bank).replace("{pnr}", pnr);
        if (r() < 0.35) text += ` ${pick(r, EXTRA_WORDS)} ${pnr}`;
        const createdAt = new Date(t);
        const out = dir === "outbound";
        // A template now and then opens our side (the first answer of a longer thread, never the preview).
        const template = out && k === 1 && len > 2 && r() < 0.15;
        facts.push({ direction: dir, text, createdAt });
        msgRows.push({
          id: randomUUID(), workspace_id: workspaceId, conversation_id: conversationId, channel_id: channelId, direction: dir,
          author_type: out ? "agent" : "customer", author_user_id: out ? (assignee ?? pick(r, crew.members)).id : null,
          kind: template ? "template" : "text", text, payload: template ? { template: { name: "booking_update", language: { code: person.lang } }, rendered: { header: null, body: text, footer: null, buttons: [] } } : null,
          provider_message_id: `wamid.SCALE${createHash("sha1").update(`${conversationId}:${k}`).digest("hex").slice(0, 28)}`,
          status: out ? (t > nowMs - HOUR ? "delivered" : "read") : null, send_attempts: out ? 1 : 0, echo: false,
          sent_at: out ? new Date(t + 1000) : null, delivered_at: out ? new Date(t + 3000) : null, read_at: out && t <= nowMs - HOUR ? new Date(t + 60_000) : null, created_at: createdAt,
        });
      }
      const firstOut = facts.find((f) => f.direction === "outbound");
      const event = (e: SystemEventPayload, at: number) =>
        msgRows.push({ id: randomUUID(), workspace_id: workspaceId, conversation_id: conversationId, channel_id: channelId, direction: "internal", author_type: "system", author_user_id: null, kind: "event", text: describeSystemEvent(e), payload: e, send_attempts: 0, echo: false, created_at: new Date(at) });
      const assignedAt = assignee ? (firstOut ? firstOut.createdAt.getTime() - 1000 : start + 30_000) : null;
      if (assignee && assignedAt) event({ action: "assigned", by: assignee.id, byName: assignee.name, from: null, to: assignee.id, toName: assignee.name }, assignedAt);
      const summary = summarizeMessages(facts, status);
      const lastAt = summary.lastMessageAt.getTime();
      const resolvedAt = status === "resolved" ? Math.min(nowMs - MINUTE, lastAt + 2 * MINUTE + Math.floor(r() * 3 * HOUR)) : null;
      if (resolvedAt && assignee) event({ action: "status_changed", by: assignee.id, byName: assignee.name, from: "open", to: "resolved" }, resolvedAt);
      if (withPayment && assignee) {
        const total = (Math.floor(r() * 45) + 3) * 1000 - 100;
        const paid = r() < 0.75;
        const at = facts[Math.min(3, len - 1)]!.createdAt.getTime() + 500;
        const id = randomUUID();
        // 48 bits of the id: with 8 hex digits (32 bits) tens of thousands of requests collide on
        // the unique (workspace, reference) index — a 1M/10M seed stopped at 808k conversations.
        const reference = `VZ-S${id.replace(/-/g, "").slice(0, 12).toUpperCase()}`;
        const currency = person.lang === "it" || r() < 0.5 ? "EUR" : "GBP";
        payRows.push({
          id, workspace_id: workspaceId, conversation_id: conversationId, contact_id: person.id, booking_id: bookingOf.get(ci) ?? null, message_id: null, created_by: assignee.id, reference, currency,
          line_items: [{ name: person.lang === "it" ? "Differenza tariffaria" : "Fare difference", quantity: 1, unitAmount: total, amount: total }],
          tax_rate_bps: 0, amount_discount: 0, amount_subtotal: total, amount_tax: 0, amount_total: total, amount_captured: paid ? total : 0, amount_refunded: 0,
          description: person.lang === "it" ? `Cambio prenotazione ${pnr}` : `Booking change ${pnr}`, status: paid ? "paid" : "expired", expires_at: new Date(at + DAY),
          pay_token_nonce: randomUUID(), pay_token_hash: createHash("sha256").update(id).digest("hex"), provider: "sandbox",
          paid_at: paid ? new Date(at + 20 * MINUTE) : null, expired_at: paid ? null : new Date(at + DAY), created_at: new Date(at), updated_at: new Date(at),
        });
        event({ action: "payment_changed", by: assignee.id, byName: assignee.name, paymentRequestId: id, reference, status: "pending", amount: total, currency, amountText: `${currency} ${(total / 100).toFixed(2)}` } as SystemEventPayload, at);
      }
      if (labelRows.length && r() < 0.3) {
        const chosen = new Set([pick(r, labelRows).id, ...(r() < 0.3 ? [pick(r, labelRows).id] : [])]);
        for (const labelId of chosen) linkRows.push({ workspace_id: workspaceId, conversation_id: conversationId, label_id: labelId, created_at: new Date(start + MINUTE) });
      }
      const rated = resolvedAt !== null && r() < 0.4;
      const answered = rated && r() < 0.6;
      byStatus[status]++;
      convRows.push({
        id: conversationId, workspace_id: workspaceId, contact_id: person.id, channel_id: channelId, status, priority: r() < 0.05 ? "high" : "normal",
        assignee_id: assignee?.id ?? null, team_id: crew.id,
        last_message_at: summary.lastMessageAt, last_message_preview: summary.lastMessagePreview, last_message_direction: summary.lastMessageDirection,
        last_inbound_at: summary.lastInboundAt, waiting_since: summary.waitingSince, first_response_at: summary.firstResponseAt, unread_count: summary.unreadCount,
        snoozed_until: status === "snoozed" ? new Date(nowMs + (1 + Math.floor(r() * 72)) * HOUR) : null,
        resolved_at: resolvedAt ? new Date(resolvedAt) : null, assigned_at: assignedAt ? new Date(assignedAt) : null, queued_at: null,
        csat_requested_at: rated ? new Date(resolvedAt) : null, csat_rating: answered ? weighted(r, RATING_WEIGHTS) + 1 : null, csat_answered_at: answered ? new Date(resolvedAt! + 7 * MINUTE) : null,
        created_at: new Date(start), updated_at: new Date(resolvedAt ?? lastAt),
      });
    }
    counts.messages += msgRows.filter((m) => m.direction !== "internal").length;
    counts.events += msgRows.filter((m) => m.direction === "internal").length;
    counts.payments += payRows.length;
    counts.labelLinks += linkRows.length;
    // Generate the next batch while this one is written (one batch in flight).
    await inflight;
    const done = Math.min(N, from + batch);
    inflight = (async () => {
      await insertJson(db, "conversations", convRows);
      for (let k = 0; k < msgRows.length; k += 5_000) await insertJson(db, "messages", msgRows.slice(k, k + 5_000));
      await insertJson(db, "conversation_labels", linkRows);
      await insertJson(db, "payment_requests", payRows);
      rows += convRows.length + msgRows.length + linkRows.length + payRows.length;
      progress({ phase: "conversations", done, total: N, rows });
    })();
  }
  await inflight;
  progress({ phase: "analyze", done: 0, total: 1, rows });
  // Fresh statistics for the planner (PGlite runs no autovacuum).
  await db.execute(sql`analyze conversations, messages, contacts, conversation_labels, payment_requests, bookings, users, team_memberships`);
  progress({ phase: "analyze", done: 1, total: 1, rows });
  return { workspaceId, contacts: C, conversations: N, messages: counts.messages, events: counts.events, bookings: counts.bookings, payments: counts.payments, labelLinks: counts.labelLinks, agents, teams: teamCount, byStatus, rows, ms: Math.round(performance.now() - started) };
}
