// The fake's state machine: customers, what the business sent them, faults, media, and the signed
// webhooks it posts back to the app. Framework-free; fake-graph.ts puts HTTP in front of it.
import { randomBytes } from "node:crypto";
import { WINDOW_MS } from "@/lib/whatsapp/window";
import { buildCustomerMessage, makeMedia, type CustomerMessageInput, type FakeMedia } from "@/lib/fake-whatsapp/customer-messages";
import { CustomerInputError } from "@/lib/fake-whatsapp/customer-messages";
import { echoNotification, inboundNotification, signedWebhook, statusNotification, type FakeMetadata, type StatusInput } from "@/lib/fake-whatsapp/notifications";
import { isBsuid, type GraphFailure } from "@/lib/fake-whatsapp/validate-send";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
export type Clock = { now(): number };

export type FakeStatus = "accepted" | "sent" | "delivered" | "read" | "failed";
export type SentRecord = {
  wamid: string;
  /** The customer's key in the fake: their phone number, or their BSUID when the phone is withheld. */
  to: string;
  /** How the business addressed it: `to` (a phone number) or `recipient` (a BSUID). Default `to`. */
  via?: "to" | "recipient";
  /** The customer's BSUID, when they have one (statuses carry it as `recipient_user_id`). */
  userId?: string | null;
  /** Sent from the WhatsApp Business app (an `smb_message_echoes` notification), not through the API. */
  echo?: boolean;
  type: string;
  content: Record<string, unknown>;
  contextId: string | null;
  bizOpaque: string | null;
  at: number;
  status: FakeStatus;
  error?: { code: number; title: string; details: string };
};
/**
 * A customer: phone-only (`waId`), phone and BSUID (`waId` + `userId`), or username-only (`userId`
 * and `username`, phone withheld: `waId` null). The fake keys them by phone, else by BSUID.
 */
export type FakeCustomer = { waId: string | null; profileName: string; lastInboundAt: number | null; userId?: string | null; username?: string | null };

/** Meta's limits on a coexistence number: edits within 15 minutes, deletes within 2 days. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
export const REVOKE_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
const MAX_REMEMBERED_INBOUND = 2000;
/** code: a Graph error code, an HTTP status ≥ 500, "network" (connection refused: never reached us) or
 * "drop_response" (we accept and send, then the connection breaks before the answer). */
export type Fault = { recipient?: string; code: number | "network" | "drop_response"; times: number; async?: boolean };
/** The whole Graph API down (every endpoint) until `until`: 5xx, Meta's 429, or refused connections. */
export type Outage = { kind: 500 | 429 | "network"; until: number };
export type Delivery = { body: string; signature: string; status: number | "error"; attempts: number };

export type EngineOptions = {
  appSecret: string;
  webhookUrl: string;
  phoneNumberId: string;
  displayPhoneNumber?: string;
  fetchImpl?: FetchLike;
  clock?: Clock;
  /** Milliseconds after acceptance for `sent`, then `delivered`; `read` after delivery only when set. */
  statusDelays?: { sent?: number; delivered?: number; read?: number | null };
  webhookRetries?: number;
};

const TITLES: Record<number, string> = {
  1: "An unknown error occurred", 2: "Service temporarily unavailable", 100: "Invalid parameter", 130429: "Rate limit hit",
  131026: "Message undeliverable", 131047: "Re-engagement message", 131048: "Spam rate limit hit", 131056: "(Business Account, Consumer Account) pair rate limit hit",
  131008: "Required parameter is missing", 131009: "Parameter value is not valid", 132000: "Number of parameters does not match the expected number of params",
  132001: "Template name does not exist in the translation", 190: "Error validating access token: Session has expired",
};
const DETAILS: Record<number, string> = {
  130429: "Cloud API message throughput has been reached.",
  131026: "Message could not be delivered: the recipient may not be on WhatsApp or uses an old app version.",
  131047: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
  131056: "Too many messages sent from this phone number to the same phone number in a short period of time.",
};

export function failureFor(code: number): GraphFailure {
  if (code >= 500 && code < 600) return { httpStatus: code, code: code === 503 ? 2 : 1, title: TITLES[code === 503 ? 2 : 1]!, details: "Please retry your request later." };
  return { httpStatus: code === 190 ? 401 : 400, code, title: TITLES[code] ?? "Injected error", details: DETAILS[code] ?? `Fault injected by the fake (${code}).`, ...(code === 190 ? { subcode: 463 } : {}) };
}

export class NetworkFault extends TypeError {
  constructor(readonly errno: "ECONNREFUSED" | "ECONNRESET") {
    super("fetch failed", { cause: Object.assign(new Error(errno === "ECONNREFUSED" ? "connect ECONNREFUSED" : "socket hang up"), { code: errno }) });
  }
}

export function createEngine(opts: EngineOptions) {
  const clock = opts.clock ?? { now: () => Date.now() };
  const fetchImpl = opts.fetchImpl ?? ((url, init) => fetch(url, init));
  const meta: FakeMetadata = { phoneNumberId: opts.phoneNumberId, displayPhoneNumber: opts.displayPhoneNumber ?? "15550001234" };
  const delays = { sent: opts.statusDelays?.sent ?? 150, delivered: opts.statusDelays?.delivered ?? 600, read: opts.statusDelays?.read ?? null };
  const retries = opts.webhookRetries ?? 3;

  const customers = new Map<string, FakeCustomer>();
  /** What customers wrote (wamid → who, when, what kind), so edits and deletes can be checked. */
  const inbound = new Map<string, { key: string; at: number; type: string }>();
  const sent: SentRecord[] = [];
  const media = new Map<string, FakeMedia>();
  const deliveries: Delivery[] = [];
  const readMarks: string[] = [];
  /** customer key → until when their phone shows "typing…" (WhatsApp: until the reply, 25 s at most). */
  const typingUntil = new Map<string, number>();
  let faults: Fault[] = [];
  let outage: Outage | null = null;
  let pending = 0;
  const waiters: (() => void)[] = [];
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const settle = () => {
    if (pending === 0) for (const w of waiters.splice(0)) w();
  };

  async function post(value: unknown): Promise<Delivery> {
    const { body, signature } = signedWebhook(value, opts.appSecret);
    const d: Delivery = { body, signature, status: "error", attempts: 0 };
    deliveries.push(d);
    for (let attempt = 0; attempt <= retries && !closed; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 250 * 4 ** (attempt - 1)));
      d.attempts++;
      try {
        const res = await fetchImpl(opts.webhookUrl, { method: "POST", headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature }, body });
        d.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) break;
      } catch {
        d.status = "error";
      }
    }
    return d;
  }

  /** Posts in order of scheduling, one at a time, like Meta's per-number delivery. */
  function enqueuePost(value: unknown): Promise<Delivery> {
    pending++;
    const p = chain.then(() => post(value));
    chain = p.then(() => undefined, () => undefined).finally(() => {
      pending--;
      settle();
    });
    return p;
  }

  function later(ms: number, fn: () => void) {
    pending++;
    const t = setTimeout(() => {
      timers.delete(t);
      pending--;
      if (!closed) fn();
      settle();
    }, ms);
    t.unref?.();
    timers.add(t);
  }

  const newWamid = (waId: string) => `wamid.${Buffer.from(`HBgM${waId}${randomBytes(12).toString("hex")}`).toString("base64")}`;

  function postStatus(rec: SentRecord, status: StatusInput["status"]) {
    rec.status = status;
    const category = rec.type === "template" ? "utility" : "service";
    // Sent to a BSUID: no `recipient_id`, only `recipient_user_id`.
    const recipient = rec.via === "recipient" ? null : rec.to;
    void enqueuePost(statusNotification(meta, { wamid: rec.wamid, status, at: clock.now(), recipient, recipientUserId: rec.userId ?? null, bizOpaque: rec.bizOpaque, error: rec.error, category }));
  }

  /** The customer a send addresses: by phone (`to`) or by BSUID (`recipient`). Returns the fake's key. */
  function keyFor(address: { to?: string | null; recipient?: string | null }): string {
    if (address.to) return address.to;
    const r = address.recipient ?? "";
    if (customers.has(r)) return r;
    for (const [key, c] of customers) if (c.userId === r) return key;
    return r;
  }

  /** Finds or makes the customer named by a `/_fake/customers/{key}` path (phone or BSUID). */
  function customerAt(key: string, input: { profileName?: string; userId?: string; username?: string }): FakeCustomer {
    const bsuidKey = isBsuid(key);
    if (input.userId !== undefined && (typeof input.userId !== "string" || !isBsuid(input.userId))) throw new CustomerInputError("`userId` must be a business-scoped user id like \"IT.1234567890\".");
    if (input.username !== undefined && (typeof input.username !== "string" || !/^[a-z0-9._]{3,35}$/i.test(input.username))) throw new CustomerInputError("`username` must be 3 to 35 letters, digits, dots or underscores.");
    const existing = customers.get(key);
    const c: FakeCustomer = existing ?? { waId: bsuidKey ? null : key, userId: bsuidKey ? key : null, profileName: input.profileName ?? (bsuidKey ? (input.username ?? key) : `+${key}`), lastInboundAt: null };
    if (input.profileName) c.profileName = input.profileName;
    if (input.userId && !bsuidKey) c.userId = input.userId;
    if (input.username) c.username = input.username;
    customers.set(key, c);
    return c;
  }

  const identity = (c: FakeCustomer) => ({ waId: c.waId, userId: c.userId ?? null, username: c.username ?? null, profileName: c.profileName });

  function remember(wamid: string, key: string, at: number, type: string) {
    inbound.set(wamid, { key, at, type });
    if (inbound.size > MAX_REMEMBERED_INBOUND) inbound.delete(inbound.keys().next().value!);
  }

  /** Edits and deletes follow Meta's rules when the fake saw the original (it forgets on restart). */
  function checkOriginal(key: string, input: CustomerMessageInput, now: number) {
    const id = input.type === "edit" ? input.edit?.original_message_id : input.type === "revoke" ? input.revoke?.original_message_id : undefined;
    const original = id ? inbound.get(id) : undefined;
    if (!original) return;
    if (original.key !== key) throw new CustomerInputError("A customer can only edit or delete their own messages.");
    if (input.type === "edit" && original.type !== "text" && original.type !== "edit") throw new CustomerInputError("Only text messages can be edited.");
    if (input.type === "edit" && now - original.at > EDIT_WINDOW_MS) throw new CustomerInputError("Messages can be edited within 15 minutes.");
    if (input.type === "revoke" && now - original.at > REVOKE_WINDOW_MS) throw new CustomerInputError("Messages can be deleted within 2 days.");
  }

  return {
    meta,
    customers,
    sent,
    media,
    deliveries,
    readMarks,
    /** The business marked `wamid` read with a typing indicator: its customer sees "typing…". */
    businessTyping(wamid: string): boolean {
      const who = inbound.get(wamid);
      if (!who) return false;
      typingUntil.set(who.key, clock.now() + 25_000);
      return true;
    },
    typingUntil(key: string): number | null {
      const until = typingUntil.get(key);
      return until && until > clock.now() ? until : null;
    },
    get faults() {
      return faults;
    },
    addFault(f: Fault) {
      faults.push({ ...f, times: Math.max(1, f.times) });
    },
    clearFaults() {
      faults = [];
    },
    /** The outage in force now, if any (an expired one is forgotten). */
    get outage(): Outage | null {
      if (outage && outage.until <= clock.now()) outage = null;
      return outage;
    },
    startOutage(kind: Outage["kind"], ms: number) {
      outage = { kind, until: clock.now() + Math.max(0, ms) };
    },
    endOutage() {
      outage = null;
    },
    keyFor,
    /** Runs `fn` after `ms` (counted by `idle`, cancelled by `close`): template reviews use it. */
    schedule: later,
    /** Posts a signed notification to the app, in order with every other (account-level ones too). */
    postWebhook: enqueuePost,
    /** Consumes one matching fault, if any (`recipient` is a phone number or a BSUID). */
    takeFault(to: string | null): Fault | null {
      const f = faults.find((x) => x.times > 0 && (!x.recipient || x.recipient === to));
      if (!f) return null;
      f.times--;
      faults = faults.filter((x) => x.times > 0);
      return f;
    },
    /** `key`: a phone number or a BSUID (a customer known by both answers to either). */
    windowOpen(key: string): boolean {
      const c = customers.get(key) ?? customers.get(keyFor({ recipient: key }));
      return !!c?.lastInboundAt && clock.now() - c.lastInboundAt < WINDOW_MS;
    },
    /** Records an accepted send and schedules its statuses. */
    accept(input: Omit<SentRecord, "wamid" | "at" | "status">, asyncFailure?: number): SentRecord {
      // A reply ends the indicator on the customer's phone.
      typingUntil.delete(input.to);
      const rec: SentRecord = { ...input, wamid: newWamid(input.to), at: clock.now(), status: "accepted" };
      sent.push(rec);
      const byBsuid = isBsuid(rec.to);
      if (!customers.has(rec.to)) customers.set(rec.to, { waId: byBsuid ? null : rec.to, userId: byBsuid ? rec.to : null, profileName: byBsuid ? rec.to : `+${rec.to}`, lastInboundAt: null });
      if (rec.userId === undefined) rec.userId = customers.get(rec.to)?.userId ?? null;
      if (asyncFailure) {
        const f = failureFor(asyncFailure);
        rec.error = { code: f.code, title: f.title, details: f.details };
        later(delays.sent, () => postStatus(rec, "failed"));
        return rec;
      }
      later(delays.sent, () => {
        if (rec.status !== "accepted") return;
        postStatus(rec, "sent");
        later(delays.delivered, () => {
          if (rec.status !== "sent") return;
          postStatus(rec, "delivered");
          if (delays.read !== null) later(delays.read, () => rec.status === "delivered" && postStatus(rec, "read"));
        });
      });
      return rec;
    },
    /** The customer writes: a signed inbound notification goes to the app's webhook. */
    /**
     * `key`: the customer's phone number, or their BSUID for a username-only customer (phone
     * withheld: the notification then has no `wa_id` and no `from`).
     */
    async customerSends(key: string, input: CustomerMessageInput): Promise<{ wamid: string; webhookStatus: number | "error"; message: Record<string, unknown> }> {
      const now = clock.now();
      const known = customers.get(key);
      const customer = customerAt(key, input);
      const wamid = newWamid(key);
      let message: Record<string, unknown>;
      try {
        checkOriginal(key, input, now);
        message = buildCustomerMessage({ waId: customer.waId, userId: customer.userId ?? null }, wamid, now, input, meta.displayPhoneNumber, (type) => {
        const m = makeMedia(String(1e15 + Math.floor(Math.random() * 8e15)), type, input.media);
        media.set(m.id, m);
        boundMedia(media);
        return m;
      });
      } catch (err) {
        if (!known) customers.delete(key); // a refused message does not invent a customer
        throw err;
      }
      // Reactions and deletes do not open the window on Meta's side either; everything else does.
      if (message.type !== "reaction" && message.type !== "revoke") customer.lastInboundAt = now;
      remember(wamid, key, now, String(message.type));
      const d = await enqueuePost(inboundNotification(meta, identity(customer), message));
      return { wamid, webhookStatus: d.status, message };
    },
    /**
     * Meta tells the business that a customer's identity changed: a `type: "system"` message.
     * `customer_changed_number`: the customer moves to `newWaId` with a new BSUID (a new number is a
     * new BSUID); `user_changed_user_id`: a new BSUID; `customer_identity_changed`: the security code
     * changed (reinstall, new phone). Later messages come from the new identity.
     */
    async customerSystem(
      key: string,
      input: { type?: string; newWaId?: string; newUserId?: string },
    ): Promise<{ wamid: string; webhookStatus: number | "error"; message: Record<string, unknown>; key: string }> {
      const customer = customers.get(key);
      if (!customer) throw new CustomerInputError("Unknown customer: they must write first.");
      const at = clock.now();
      const sender = { waId: customer.waId, userId: customer.userId ?? null };
      const freshBsuid = () => `${(customer.userId ?? "IT.").slice(0, 2)}.${String(BigInt(`0x${randomBytes(8).toString("hex")}`)).padStart(20, "0").slice(0, 20)}`;
      let system: Record<string, unknown>;
      let newKey = key;
      if (input.type === "customer_changed_number") {
        if (!customer.waId) throw new CustomerInputError("A username-only customer has no number to change.");
        const newWaId = String(input.newWaId ?? "").replace(/^\+/, "");
        if (!/^\d{6,15}$/.test(newWaId) || newWaId === customer.waId) throw new CustomerInputError("`newWaId` must be a different phone number.");
        if (input.newUserId !== undefined && !isBsuid(input.newUserId)) throw new CustomerInputError("`newUserId` must be a business-scoped user id.");
        const newUserId = input.newUserId ?? (customer.userId ? freshBsuid() : null);
        system = { body: `${customer.profileName} changed their phone number to a new number +${newWaId}`, type: "customer_changed_number", wa_id: newWaId, ...(newUserId ? { user_id: newUserId } : {}) };
        customers.delete(key);
        newKey = newWaId;
        customers.set(newKey, { ...customer, waId: newWaId, userId: newUserId });
      } else if (input.type === "user_changed_user_id") {
        if (input.newUserId !== undefined && !isBsuid(input.newUserId)) throw new CustomerInputError("`newUserId` must be a business-scoped user id.");
        const newUserId = input.newUserId ?? freshBsuid();
        system = { body: `${customer.profileName} changed their user id`, type: "user_changed_user_id", user_id: newUserId };
        const updated = { ...customer, userId: newUserId };
        if (!customer.waId) {
          customers.delete(key);
          newKey = newUserId;
        }
        customers.set(newKey, updated);
      } else if (input.type === "customer_identity_changed") {
        system = { body: "User identity changed", type: "customer_identity_changed", ...(customer.waId ? { wa_id: customer.waId } : {}), ...(customer.userId ? { user_id: customer.userId } : {}) };
      } else {
        throw new CustomerInputError("`type` must be customer_changed_number, user_changed_user_id or customer_identity_changed.");
      }
      const wamid = newWamid(key);
      const message = { ...(sender.waId ? { from: sender.waId } : {}), ...(sender.userId ? { from_user_id: sender.userId } : {}), id: wamid, timestamp: String(Math.floor(at / 1000)), type: "system", system };
      const d = await enqueuePost(inboundNotification(meta, identity(customer), message));
      return { wamid, webhookStatus: d.status, message, key: newKey };
    },
    /**
     * The business writes from the WhatsApp Business app (coexistence): an `smb_message_echoes`
     * notification. Echoes are free and do not open the 24-hour window; the customer's phone shows them.
     */
    async businessEchoes(key: string, input: { text?: string; profileName?: string }): Promise<{ wamid: string; webhookStatus: number | "error"; echo: Record<string, unknown> }> {
      const body = typeof input.text === "string" ? input.text.trim() : "";
      if (!body) throw new CustomerInputError("An echo needs `text`.");
      const customer = customerAt(key, input);
      const rec: SentRecord = { wamid: newWamid(key), to: key, userId: customer.userId ?? null, echo: true, type: "text", content: { body }, contextId: null, bizOpaque: null, at: clock.now(), status: "delivered" };
      sent.push(rec);
      const value = echoNotification(meta, identity(customer), { id: rec.wamid, at: rec.at, type: "text", content: { body } });
      const d = await enqueuePost(value);
      return { wamid: rec.wamid, webhookStatus: d.status, echo: (value.entry[0]!.changes[0]!.value as unknown as { message_echoes: Record<string, unknown>[] }).message_echoes[0]! };
    },
    /** The customer opens the chat: everything delivered becomes read. */
    customerReads(key: string): SentRecord[] {
      const changed = sent.filter((r) => r.to === key && !r.echo && (r.status === "sent" || r.status === "delivered"));
      for (const r of changed) postStatus(r, "read");
      return changed;
    },
    inboxOf(waId: string) {
      return sent.filter((r) => r.to === waId);
    },
    /** Resolves once every scheduled status and webhook post has settled. */
    idle(): Promise<void> {
      if (pending === 0) return Promise.resolve();
      return new Promise((r) => waiters.push(r));
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      pending -= timers.size;
      timers.clear();
      settle();
    },
  };
}

export type FakeEngine = ReturnType<typeof createEngine>;

// The fake keeps uploads in memory (Meta keeps them 30 days; the app downloads each within
// seconds): the oldest go once there are more than MAX_MEDIA_FILES or MAX_MEDIA_BYTES of them.
export const MAX_MEDIA_FILES = 50;
export const MAX_MEDIA_BYTES = 32 * 1024 * 1024;

export function boundMedia(media: Map<string, FakeMedia>): void {
  let bytes = 0;
  for (const m of media.values()) bytes += m.bytes.byteLength;
  for (const [id, m] of media) {
    if (media.size <= MAX_MEDIA_FILES && bytes <= MAX_MEDIA_BYTES) break;
    media.delete(id);
    bytes -= m.bytes.byteLength;
  }
}
