// The demo workspace: "Volo Azzurro", an Italian airline answering customers on WhatsApp.
// Deterministic (seeded PRNG, every time relative to `now`) and written in a handful of multi-row
// inserts inside one transaction. Denormalised conversation fields are derived from the generated
// messages by `summarizeMessages`, the same rules the app keeps when messages arrive.
import { randomUUID } from "node:crypto";
import { applyShowcase2026 } from "./seed-2026";
import { applyDemoCsat } from "./seed-csat";
import { hashPassword } from "@/lib/auth/password";
import {
  bookings,
  channels,
  contacts,
  conversations,
  messages,
  teamMemberships,
  teams,
  users,
  workspaces,
} from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { SystemEventPayload } from "@/lib/content/message-content";
import { summarizeMessages } from "@/lib/conversations/summary";
import { describeSystemEvent } from "@/lib/conversations/system-events";
import { draftDemoBookings } from "./seed-bookings";
import { insertSeedTemplates } from "@/lib/templates/seed";
import { insertSeedSnippets } from "@/lib/snippets/seed";
import { insertSeedLabels } from "@/lib/labels/seed";
import {
  COUNTRIES,
  COUNTRY_MIX,
  DEMO_CHANNEL,
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_WORKSPACE,
  FIRST_NAMES,
  FOLLOW_UPS,
  GREETINGS,
  LAST_NAMES,
  MONTHS,
  NUDGES,
  PHONE_PLANS,
  PROFILE_EMOJI,
  REENGAGEMENT_ERROR,
  ROUTES,
  SCRIPTS,
  TEAM_NAMES,
  US_AREA_TIMEZONE,
  type Country,
  type Lang,
  type Priority,
  type Script,
  type TeamName,
} from "./seed-data";

export { DEMO_CHANNEL, DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE } from "./seed-data";
export type { DemoUser } from "./seed-data";

export type ConversationStatus = "open" | "pending" | "snoozed" | "resolved";
type Direction = "inbound" | "outbound" | "internal";

export interface SeedOptions {
  /** Every timestamp is relative to this instant (default: the current time). */
  now?: Date;
  /** How many conversations to create (default 80). Contacts scale with it (at least 60). */
  conversations?: number;
  /**
   * Whether the teams auto-assign (default true): new conversations then go to an online member
   * with room, and the unassigned ones wait in their team's queue. The e2e server seeds with
   * false, so its specs find new customers unassigned.
   */
  autoAssign?: boolean;
}

export interface SeedSummary {
  workspaceId: string;
  channelId: string;
  users: number;
  teams: number;
  contacts: number;
  conversations: number;
  messages: number;
  bookings: number;
  byStatus: Record<ConversationStatus, number>;
}

const SEED = 0x5e11_0a22;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Nothing in the demo is older than this (the brief: "the last ~10 days"). */
const HISTORY = 10.5 * DAY;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: tiny, fast, good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** Milliseconds in [min, max), whole seconds. */
  ms(min: number, max: number): number {
    return Math.floor((min + this.next() * (max - min)) / SECOND) * SECOND;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
  string(alphabet: string, length: number): string {
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

const DIGITS = "0123456789";
const PNR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const LINK_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const HEX = "0123456789ABCDEF";

const eventDraft = (event: SystemEventPayload) => ({ text: describeSystemEvent(event), payload: event as Record<string, unknown> });

// ---------------------------------------------------------------------------------------------
// Generation

type Kind = "fresh" | "waiting" | "replied" | "failed" | "pending" | "snoozed" | "resolved";

const KIND_STATUS: Record<Kind, ConversationStatus> = {
  fresh: "open",
  waiting: "open",
  replied: "open",
  failed: "open",
  pending: "pending",
  snoozed: "snoozed",
  resolved: "resolved",
};

/** Per 80 conversations; resolved takes the rest. */
const LIVE_MIX: readonly [Exclude<Kind, "resolved">, number][] = [
  ["fresh", 5],
  ["waiting", 15],
  ["replied", 4],
  ["failed", 2],
  ["pending", 10],
  ["snoozed", 6],
];

interface Plan {
  kind: Kind;
  /** Index within its kind: drives "a few within the last hour", "a couple sent"… */
  nth: number;
  ofKind: number;
}

function planConversations(total: number): Plan[] {
  const counts = LIVE_MIX.map(([kind, per80]) => {
    const scaled = Math.round((per80 * total) / 80);
    return [kind, total >= 12 ? Math.max(1, scaled) : scaled] as const;
  });
  const plans: Plan[] = [];
  let budget = total - 1; // keep at least one resolved conversation
  for (const [kind, count] of counts) {
    const n = Math.min(count, budget);
    budget -= n;
    for (let i = 0; i < n; i++) plans.push({ kind, nth: i, ofKind: n });
  }
  const resolved = total - plans.length;
  for (let i = 0; i < resolved; i++) plans.push({ kind: "resolved", nth: i, ofKind: resolved });
  return plans;
}

interface ContactDraft {
  id: string;
  country: Country;
  lang: Lang;
  first: string;
  last: string;
  profileName: string;
  waId: string;
  locale: string;
  timezone: string;
}

function buildContacts(rng: Rng, count: number): ContactDraft[] {
  const pattern = rng.shuffle(
    (Object.entries(COUNTRY_MIX) as [Country, number][]).flatMap(([c, n]) => Array<Country>(n).fill(c)),
  );
  const names = new Set<string>();
  const waIds = new Set<string>();
  const out: ContactDraft[] = [];
  for (let i = 0; i < count; i++) {
    const country = pattern[i % pattern.length] as Country;
    let first = "";
    let last = "";
    for (let attempt = 0; attempt < 50; attempt++) {
      first = rng.pick(FIRST_NAMES[country]);
      last = rng.pick(LAST_NAMES[country]);
      if (!names.has(`${first} ${last}`)) break;
    }
    names.add(`${first} ${last}`);

    const plan = PHONE_PLANS[country];
    let waId = "";
    let prefix = "";
    do {
      prefix = rng.pick(plan.prefixes);
      // North American exchanges never start with 0 or 1.
      const head = country === "US" ? String(rng.int(2, 9)) : "";
      waId = prefix + head + rng.string(DIGITS, plan.digits - head.length);
    } while (waIds.has(waId));
    waIds.add(waId);

    const style = rng.float();
    const profileName =
      style < 0.62
        ? `${first} ${last}`
        : style < 0.8
          ? first
          : style < 0.92
            ? `${first} ${last.charAt(0)}.`
            : `${first} ${rng.pick(PROFILE_EMOJI)}`;

    out.push({
      id: randomUUID(),
      country,
      lang: COUNTRIES[country].lang,
      first,
      last,
      profileName,
      waId,
      locale: COUNTRIES[country].locale,
      timezone: country === "US" ? (US_AREA_TIMEZONE[prefix] ?? "America/New_York") : rng.pick(plan.timezone),
    });
  }
  return out;
}

interface Staff {
  id: string;
  name: string;
  first: string;
  role: "admin" | "lead" | "agent";
  team: TeamName | null;
}

interface MessageDraft {
  direction: Direction;
  authorUserId: string | null;
  kind: "text" | "event";
  text: string;
  payload: Record<string, unknown> | null;
  /** Milliseconds after the conversation's first message. */
  offset: number;
  outcome?: "failed" | "sent";
}

interface ConversationDraft {
  plan: Plan;
  contact: ContactDraft;
  script: Script;
  priority: Priority;
  teamName: TeamName | null;
  assignee: Staff | null;
  messages: MessageDraft[];
  duration: number;
  /** The script's placeholders: the booking, flight and trip the conversation talks about. */
  vars: Record<string, string>;
}

const PRIORITIES: readonly Priority[] = ["low", "normal", "high", "urgent"];

function formatDay(lang: Lang, at: number): string {
  const d = new Date(at);
  return `${d.getUTCDate()} ${MONTHS[lang][d.getUTCMonth()] ?? ""}`;
}

function formatAmount(lang: Lang, euros: number): string {
  return lang === "it" ? `${euros},00 €` : `€${euros}.00`;
}

function scriptVars(rng: Rng, contact: ContactDraft, agent: Staff | null, lang: Lang, nowMs: number) {
  const route = rng.pick(contact.country === "IT" ? ROUTES : ROUTES.filter((r) => r.international));
  const forward = rng.chance(0.5);
  const [from, to] = forward ? route[lang] : ([route[lang][1], route[lang][0]] as const);
  const [fromCode, toCode] = forward ? route.codes : ([route.codes[1], route.codes[0]] as const);
  const travel = nowMs + rng.int(2, 25) * DAY;
  const row = rng.int(3, 28);
  const seatLetter = rng.pick(["A", "B", "C", "D", "E", "F"]);
  const link = () => `https://pay.voloazzurro.it/l/${rng.string(LINK_ALPHABET, 10)}`;
  const flightNo = () => `VZ ${rng.int(101, 2899)}`;
  return {
    first: contact.first,
    last: contact.last,
    LAST: contact.last.toUpperCase(),
    agent: agent?.first ?? "",
    pnr: rng.string(PNR_ALPHABET, 6),
    flight: flightNo(),
    flight2: flightNo(),
    from,
    to,
    date: formatDay(lang, travel),
    date2: formatDay(lang, travel + 2 * DAY),
    time: `${String(rng.int(6, 21)).padStart(2, "0")}:${rng.pick(["05", "15", "25", "35", "40", "50"])}`,
    amount: formatAmount(lang, rng.int(2, 48) * 5 - 1),
    link: link(),
    link2: link(),
    seat: `${row}${seatLetter}`,
    seat2: `${row}${seatLetter === "A" ? "B" : seatLetter === "F" ? "E" : seatLetter === "C" ? "B" : seatLetter === "D" ? "E" : "A"}`,
    row: String(row),
    pir: `${rng.pick(["FCO", "LIN", "NAP", "CTA", "PMO", "VCE", "BRI"])}VZ${rng.string(DIGITS, 5)}`,
    last4: rng.string(DIGITS, 4),
    vat: rng.string(DIGITS, 11),
    voucher: rng.string(PNR_ALPHABET, 8),
    country: COUNTRIES[contact.country].nameEn,
    // Not placeholders: what the contact's booking is made of (./seed-bookings.ts).
    fromCode,
    toCode,
    travelDay: new Date(travel).toISOString().slice(0, 10),
  } satisfies Record<string, string>;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

/** Odd (ends on the customer) or even (ends on us) prefix length in [min, max]. */
function prefixLength(rng: Rng, parity: "odd" | "even", min: number, max: number): number {
  const options: number[] = [];
  for (let k = min; k <= max; k++) if ((k % 2 === 1) === (parity === "odd")) options.push(k);
  return options.length > 0 ? rng.pick(options) : min;
}

function draftConversation(
  rng: Rng,
  plan: Plan,
  contact: ContactDraft,
  script: Script,
  staffByTeam: Map<TeamName, { lead: Staff; agents: Staff[] }>,
  nowMs: number,
): ConversationDraft {
  const lang = script.lang;
  const crew = staffByTeam.get(script.team);
  if (!crew) throw new Error(`no staff for team ${script.team}`);
  const members = [crew.lead, ...crew.agents];

  const assignChance = plan.kind === "fresh" ? 0 : plan.kind === "waiting" ? 0.7 : 0.92;
  const assignee = rng.chance(assignChance) ? (rng.chance(0.15) ? crew.lead : rng.pick(crew.agents)) : null;
  // Unassigned conversations are answered by whoever on the team picked them up.
  const author = assignee ?? rng.pick(members);
  const teamName = plan.kind === "fresh" && rng.chance(0.5) ? null : script.team;

  const roll = rng.float();
  const base = PRIORITIES.indexOf(script.priority);
  const priority = PRIORITIES[Math.max(0, Math.min(3, roll < 0.12 ? base + 1 : roll < 0.22 ? base - 1 : base))] ?? "normal";

  const vars = scriptVars(rng, contact, author, lang, nowMs);
  const lines = script.lines.map((l) => fill(l, vars));
  const L = lines.length;
  const wantsEvent = assignee !== null && assignee.id !== crew.lead.id && plan.kind !== "fresh" && rng.chance(0.45);
  const cap = 12 - (wantsEvent ? 1 : 0);

  // Pick the messages, as [direction, text, outcome?].
  type Line = { direction: "inbound" | "outbound"; text: string; outcome?: "failed" | "sent" };
  const asLines = (k: number): Line[] =>
    lines.slice(0, k).map((text, i) => ({ direction: i % 2 === 0 ? "inbound" : "outbound", text }));
  let picked: Line[];
  switch (plan.kind) {
    case "fresh":
      picked = [
        { direction: "inbound", text: rng.pick(GREETINGS[lang]) },
        { direction: "inbound", text: lines[0] ?? "" },
      ];
      break;
    case "waiting": {
      picked = asLines(prefixLength(rng, "odd", 3, Math.min(L - 1, cap)));
      if (picked.length < cap && rng.chance(0.3)) picked.push({ direction: "inbound", text: rng.pick(NUDGES[lang]) });
      break;
    }
    case "replied":
    case "pending":
    case "snoozed":
      picked = asLines(prefixLength(rng, "even", 2, Math.min(L - 2, cap)));
      if (plan.nth === 0 && (plan.kind === "replied" || plan.kind === "pending")) {
        const lastLine = picked[picked.length - 1];
        if (lastLine) lastLine.outcome = "sent";
      }
      break;
    case "failed":
      picked = asLines(prefixLength(rng, "even", 2, Math.min(L - 2, cap - 1)));
      picked.push({ direction: "outbound", text: fill(rng.pick(FOLLOW_UPS[lang]), vars), outcome: "failed" });
      break;
    case "resolved":
      picked = asLines(Math.min(L, cap));
      break;
  }

  // Timing, relative to the first message.
  const drafts: MessageDraft[] = [];
  let offset = 0;
  picked.forEach((line, i) => {
    const prev = picked[i - 1];
    if (prev) {
      if (line.outcome === "failed") offset += rng.ms(25 * HOUR, 30 * HOUR);
      else if (prev.direction === "inbound" && line.direction === "outbound")
        offset += rng.chance(0.15) ? rng.ms(30 * MINUTE, 150 * MINUTE) : rng.ms(1 * MINUTE, 18 * MINUTE);
      else if (prev.direction === "outbound" && line.direction === "inbound")
        offset += rng.chance(0.15) ? rng.ms(2 * HOUR, 8 * HOUR) : rng.ms(1 * MINUTE, 40 * MINUTE);
      else offset += plan.kind === "fresh" ? rng.ms(15 * SECOND, 90 * SECOND) : rng.ms(12 * MINUTE, 45 * MINUTE);
    }
    drafts.push({
      direction: line.direction,
      authorUserId: line.direction === "outbound" ? author.id : null,
      kind: "text",
      text: line.text,
      payload: null,
      offset,
      outcome: line.outcome,
    });
  });

  // "Marco Ricci assigned this conversation to Giulia Romano", between the question and the answer.
  const firstOut = drafts.findIndex((m) => m.direction === "outbound");
  if (wantsEvent && assignee && firstOut > 0) {
    const before = drafts[firstOut - 1] as MessageDraft;
    const after = drafts[firstOut] as MessageDraft;
    const at = before.offset + Math.max(SECOND, Math.floor(((after.offset - before.offset) * rng.int(20, 60)) / 100 / SECOND) * SECOND);
    drafts.splice(firstOut, 0, {
      direction: "internal",
      authorUserId: null,
      kind: "event",
      ...eventDraft({ action: "assigned", by: crew.lead.id, byName: crew.lead.name, from: null, to: assignee.id, toName: assignee.name }),
      offset: Math.min(at, after.offset - SECOND),
    });
  }

  const last = drafts[drafts.length - 1] as MessageDraft;
  return { plan, contact, script, priority, teamName, assignee, messages: drafts, duration: last.offset, vars };
}

/** When the conversation's newest message happened, as milliseconds before now. */
function endAgo(rng: Rng, plan: Plan): number {
  const { kind, nth, ofKind } = plan;
  switch (kind) {
    case "fresh":
      return nth < 3 ? rng.ms(2 * MINUTE, 55 * MINUTE) : rng.ms(90 * MINUTE, 5 * HOUR);
    case "waiting":
      if (nth < Math.ceil(ofKind * 0.4)) return rng.ms(3 * MINUTE, 58 * MINUTE);
      if (nth >= ofKind - 2) return rng.ms(19 * HOUR, 30 * HOUR);
      return rng.ms(1 * HOUR, 9 * HOUR);
    case "replied":
      return nth === 0 ? rng.ms(1 * MINUTE, 8 * MINUTE) : rng.ms(20 * MINUTE, 30 * HOUR);
    case "failed":
      return rng.ms(20 * MINUTE, 8 * HOUR);
    case "pending":
      return nth === 0 ? rng.ms(2 * MINUTE, 12 * MINUTE) : rng.ms(40 * MINUTE, 4 * DAY);
    case "snoozed":
      return rng.ms(3 * HOUR, 5 * DAY);
    case "resolved":
      return rng.ms(2 * HOUR, 10 * DAY);
  }
}

function wamid(rng: Rng, waId: string): string {
  // Shaped like Meta's ids: a small header, the customer's number, a random hex id.
  const bytes = Buffer.concat([
    Buffer.from([0x1c, 0x18, waId.length]),
    Buffer.from(waId, "ascii"),
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, 0x14]),
    Buffer.from(rng.string(HEX, 20), "ascii"),
    Buffer.from([0x00]),
  ]);
  return `wamid.${bytes.toString("base64")}`;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

type WorkspaceRow = typeof workspaces.$inferInsert;
type UserRow = typeof users.$inferInsert;
type TeamRow = typeof teams.$inferInsert;
type MembershipRow = typeof teamMemberships.$inferInsert;
type ChannelRow = typeof channels.$inferInsert;
type ContactRow = typeof contacts.$inferInsert;
type ConversationRow = typeof conversations.$inferInsert;
type MessageRow = typeof messages.$inferInsert;

/** Creates the Volo Azzurro demo workspace in one transaction and returns what it wrote. */
export async function seedDemoWorkspace(db: Db, opts: SeedOptions = {}): Promise<SeedSummary> {
  const now = opts.now ?? new Date();
  const nowMs = Math.floor(now.getTime() / SECOND) * SECOND;
  const total = Math.max(1, Math.floor(opts.conversations ?? 80));
  const contactCount = Math.max(60, Math.ceil(total * 0.75));
  const rng = new Rng(SEED);
  const at = (ms: number) => new Date(ms);

  // --- workspace, people, channel
  const workspaceId = randomUUID();
  const channelId = randomUUID();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const setupAt = nowMs - 60 * DAY;

  const staff: Staff[] = DEMO_USERS.map((u) => ({
    id: randomUUID(),
    name: u.name,
    first: u.name.split(" ")[0] ?? u.name,
    role: u.role,
    team: u.team,
  }));
  const teamIds = new Map<TeamName, string>(TEAM_NAMES.map((t) => [t, randomUUID()]));
  const staffByTeam = new Map<TeamName, { lead: Staff; agents: Staff[] }>();
  for (const team of TEAM_NAMES) {
    const lead = staff.find((s) => s.team === team && s.role === "lead");
    if (!lead) throw new Error(`team ${team} has no lead`);
    staffByTeam.set(team, { lead, agents: staff.filter((s) => s.team === team && s.role === "agent") });
  }

  const workspaceRow: WorkspaceRow = { id: workspaceId, ...DEMO_WORKSPACE, demo: true, csatEnabled: true, createdAt: at(setupAt) };
  const userRows: UserRow[] = DEMO_USERS.map((u, i) => {
    const s = staff[i] as Staff;
    const lastSeenAgo =
      u.availability === "online"
        ? rng.ms(0, 4 * MINUTE)
        : u.availability === "away"
          ? rng.ms(15 * MINUTE, 50 * MINUTE)
          : rng.ms(14 * HOUR, 40 * HOUR);
    return {
      id: s.id,
      workspaceId,
      email: u.email,
      name: u.name,
      passwordHash,
      role: u.role,
      active: true,
      availability: u.availability,
      // Online since the start of the shift; away or offline since they were last seen.
      // (No draw from the PRNG here: every later row stays as it was.)
      availabilityChangedAt: at(nowMs - (u.availability === "online" ? 2 * HOUR + i * 17 * MINUTE : lastSeenAgo)),
      capacity: u.capacity,
      createdAt: at(setupAt + i * HOUR),
      lastSeenAt: at(nowMs - lastSeenAgo),
    };
  });
  const teamRows: TeamRow[] = TEAM_NAMES.map((name) => ({
    id: teamIds.get(name) as string,
    workspaceId,
    name,
    autoAssign: opts.autoAssign ?? true,
    createdAt: at(setupAt + 9 * HOUR),
  }));
  const membershipRows: MembershipRow[] = staff
    .filter((s) => s.team !== null)
    .map((s) => ({
      workspaceId,
      teamId: teamIds.get(s.team as TeamName) as string,
      userId: s.id,
      createdAt: at(setupAt + 10 * HOUR),
    }));

  // --- contacts and conversations
  const contactDrafts = buildContacts(rng, contactCount);
  const scriptQueues = new Map<Lang, Script[]>();
  const nextScript = (lang: Lang, avoid: Set<string>): Script => {
    for (let attempt = 0; attempt < 2; attempt++) {
      let queue = scriptQueues.get(lang);
      if (!queue || queue.length === 0) {
        queue = rng.shuffle(SCRIPTS.filter((s) => s.lang === lang));
        scriptQueues.set(lang, queue);
      }
      const idx = queue.findIndex((s) => !avoid.has(s.id));
      if (idx >= 0) return queue.splice(idx, 1)[0] as Script;
      queue.length = 0;
    }
    return rng.pick(SCRIPTS.filter((s) => s.lang === lang));
  };

  const plans = planConversations(total);
  const livePlans = plans.filter((p) => p.kind !== "resolved");
  const resolvedPlans = plans.filter((p) => p.kind === "resolved");
  const shuffledContacts = rng.shuffle(contactDrafts);
  if (livePlans.length > shuffledContacts.length) throw new Error("more live conversations than contacts");

  const earliestStart = new Map<string, number>(); // contact id → start of its oldest conversation
  const scriptsUsed = new Map<string, Set<string>>();
  const placed: { draft: ConversationDraft; start: number }[] = [];
  const place = (draft: ConversationDraft, end: number) => {
    const start = end - draft.duration;
    placed.push({ draft, start });
    const prev = earliestStart.get(draft.contact.id);
    earliestStart.set(draft.contact.id, prev === undefined ? start : Math.min(prev, start));
    const used = scriptsUsed.get(draft.contact.id) ?? new Set<string>();
    used.add(draft.script.id);
    scriptsUsed.set(draft.contact.id, used);
  };

  livePlans.forEach((plan, i) => {
    const contact = shuffledContacts[i] as ContactDraft;
    const draft = draftConversation(rng, plan, contact, nextScript(contact.lang, new Set()), staffByTeam, nowMs);
    let end = nowMs - endAgo(rng, plan);
    if (end - draft.duration < nowMs - HISTORY) end = nowMs - HISTORY + draft.duration;
    place(draft, Math.min(end, nowMs));
  });

  // Resolved ones: first to customers without a conversation, then as older history of others.
  for (const plan of resolvedPlans) {
    const fresh = shuffledContacts.filter((c) => !earliestStart.has(c.id));
    const candidates = [...fresh, ...rng.shuffle(shuffledContacts.filter((c) => earliestStart.has(c.id)))];
    let done = false;
    for (const contact of candidates) {
      const draft = draftConversation(
        rng,
        plan,
        contact,
        nextScript(contact.lang, scriptsUsed.get(contact.id) ?? new Set()),
        staffByTeam,
        nowMs,
      );
      let end = nowMs - endAgo(rng, plan);
      const before = earliestStart.get(contact.id);
      if (before !== undefined) end = Math.min(end, before - rng.ms(3 * HOUR, 3 * DAY));
      if (end - draft.duration < nowMs - HISTORY) continue;
      place(draft, end);
      done = true;
      break;
    }
    if (!done) {
      // Crowded history (huge `conversations`): go back further rather than break the unique index.
      const contact = rng.pick(shuffledContacts);
      const draft = draftConversation(rng, plan, contact, nextScript(contact.lang, new Set()), staffByTeam, nowMs);
      const before = earliestStart.get(contact.id) ?? nowMs;
      place(draft, Math.min(nowMs - endAgo(rng, plan), before - rng.ms(3 * HOUR, DAY)));
    }
  }

  // --- rows
  const wamids = new Set<string>();
  const newWamid = (waId: string) => {
    let id = wamid(rng, waId);
    while (wamids.has(id)) id = wamid(rng, waId);
    wamids.add(id);
    return id;
  };

  const conversationRows: ConversationRow[] = [];
  const messageRows: MessageRow[] = [];
  const byStatus: Record<ConversationStatus, number> = { open: 0, pending: 0, snoozed: 0, resolved: 0 };
  let newestActivity = setupAt;

  // Chronological, so the tables read naturally.
  placed.sort((a, b) => a.start - b.start);
  for (const { draft, start } of placed) {
    const conversationId = randomUUID();
    const status = KIND_STATUS[draft.plan.kind];
    byStatus[status]++;
    const times = draft.messages.map((m) => start + m.offset);

    const rows: MessageRow[] = draft.messages.map((m, i) => {
      const createdMs = times[i] as number;
      const base: MessageRow = {
        id: randomUUID(),
        workspaceId,
        conversationId,
        channelId,
        direction: m.direction,
        authorType: m.direction === "inbound" ? "customer" : m.direction === "outbound" ? "agent" : "system",
        authorUserId: m.authorUserId,
        kind: m.kind,
        text: m.text,
        payload: m.payload,
        providerMessageId: m.direction === "internal" ? null : newWamid(draft.contact.waId),
        status: null,
        error: null,
        createdAt: at(createdMs),
      };
      newestActivity = Math.max(newestActivity, createdMs);
      if (m.direction !== "outbound") return base;
      if (m.outcome === "failed") return { ...base, status: "failed", error: { ...REENGAGEMENT_ERROR } };

      const sentMs = createdMs + rng.ms(SECOND, 3 * SECOND);
      if (m.outcome === "sent") return { ...base, status: "sent", sentAt: at(Math.min(sentMs, nowMs)) };
      const deliveredMs = Math.min(sentMs + rng.ms(SECOND, 5 * SECOND), nowMs);
      const nextInbound = draft.messages.findIndex((n, j) => j > i && n.direction === "inbound");
      let readMs: number | null = null;
      if (nextInbound >= 0) {
        const replyMs = times[nextInbound] as number;
        if (!rng.chance(0.08)) readMs = Math.max(deliveredMs, deliveredMs + Math.floor((replyMs - deliveredMs) * rng.float() * 0.8));
      } else if (rng.chance(0.6) && nowMs - deliveredMs > 30 * SECOND) {
        readMs = deliveredMs + rng.ms(20 * SECOND, Math.min(3 * HOUR, nowMs - deliveredMs));
      }
      if (readMs !== null) newestActivity = Math.max(newestActivity, readMs);
      return {
        ...base,
        status: readMs !== null ? "read" : "delivered",
        sentAt: at(Math.min(sentMs, nowMs)),
        deliveredAt: at(deliveredMs),
        readAt: readMs !== null ? at(readMs) : null,
      };
    });
    messageRows.push(...rows);

    const facts = summarizeMessages(
      draft.messages.map((m, i) => ({ direction: m.direction, text: m.text, createdAt: at(times[i] as number) })),
      status,
    );
    const lastMs = facts.lastMessageAt.getTime();
    const resolvedAt = status === "resolved" ? at(Math.min(lastMs + rng.ms(MINUTE, 25 * MINUTE), nowMs)) : null;
    const snoozedUntil =
      status === "snoozed" ? at(Math.ceil((nowMs + rng.ms(2 * HOUR, 72 * HOUR)) / HOUR) * HOUR) : null;
    const updatedMs =
      resolvedAt?.getTime() ?? (status === "snoozed" ? Math.min(lastMs + rng.ms(MINUTE, 10 * MINUTE), nowMs) : lastMs);
    conversationRows.push({
      id: conversationId,
      workspaceId,
      contactId: draft.contact.id,
      channelId,
      status,
      priority: draft.priority,
      assigneeId: draft.assignee?.id ?? null,
      teamId: draft.teamName ? (teamIds.get(draft.teamName) ?? null) : null,
      ...facts,
      // Taken when the thread began; nobody holds an open one of an auto-assign team: it waits
      // in the team's queue from when the customer started waiting (a drain hands it out).
      assignedAt: draft.assignee ? at(start) : null,
      queuedAt: !draft.assignee && draft.teamName && (opts.autoAssign ?? true) && (status === "open" || status === "pending") ? (facts.waitingSince ?? facts.lastMessageAt) : null,
      snoozedUntil,
      resolvedAt,
      createdAt: at(start),
      updatedAt: at(updatedMs),
    });
  }

  const contactRows: ContactRow[] = contactDrafts.map((c) => {
    const firstSeen = earliestStart.get(c.id);
    return {
      id: c.id,
      workspaceId,
      waId: c.waId,
      phone: c.waId,
      profileName: c.profileName,
      locale: c.locale,
      timezone: c.timezone,
      createdAt: at(firstSeen ?? nowMs - rng.ms(11 * DAY, 40 * DAY)),
    };
  });

  // Bookings draw from their own sequence, so adding them left every other row as it was.
  const trips = new Map<string, Record<string, string>>();
  // Chronological: the newest conversation wins. `at` is when it started, `script` what it is about.
  for (const { draft, start } of placed) trips.set(draft.contact.id, { ...draft.vars, script: draft.script.id, at: String(start) });
  const bookingRows = draftDemoBookings(mulberry32(SEED ^ 0xb00c1265), { workspaceId, contacts: contactDrafts, trips, nowMs, newId: randomUUID });

  const channelRow: ChannelRow = {
    id: channelId,
    workspaceId,
    ...DEMO_CHANNEL,
    lastWebhookAt: at(Math.min(newestActivity, nowMs)),
    createdAt: at(setupAt + 2 * HOUR),
  };

  applyShowcase2026({ contacts: contactRows, conversations: conversationRows, messages: messageRows });
  applyDemoCsat(conversationRows, { random: mulberry32(SEED ^ 0xc5a7), nowMs });

  // --- write: a few multi-row inserts, one transaction
  await db.transaction(async (tx) => {
    await tx.insert(workspaces).values(workspaceRow);
    await tx.insert(users).values(userRows);
    await tx.insert(teams).values(teamRows);
    await tx.insert(teamMemberships).values(membershipRows);
    await tx.insert(channels).values(channelRow);
    for (const part of chunks(contactRows, 1000)) await tx.insert(contacts).values(part);
    for (const part of chunks(conversationRows, 1000)) await tx.insert(conversations).values(part);
    for (const part of chunks(messageRows, 1000)) await tx.insert(messages).values(part);
    for (const part of chunks(bookingRows, 1000)) await tx.insert(bookings).values(part);
    await insertSeedTemplates(tx, { workspaceId, wabaId: DEMO_CHANNEL.wabaId, teamIds, now: at(setupAt + 3 * HOUR) });
    await insertSeedSnippets(tx, { workspaceId, now: at(setupAt + 3 * HOUR) });
    await insertSeedLabels(tx, { workspaceId, now: at(setupAt + 3 * HOUR) });
  });

  return {
    workspaceId,
    channelId,
    users: userRows.length,
    teams: teamRows.length,
    contacts: contactRows.length,
    conversations: conversationRows.length,
    messages: messageRows.length,
    bookings: bookingRows.length,
    byStatus,
  };
}

/** True when no workspace exists yet (a brand-new install). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  return rows.length === 0;
}
