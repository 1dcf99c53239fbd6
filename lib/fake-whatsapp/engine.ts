// The fake's state machine: customers, what the business sent them, faults, media, and the signed
// webhooks it posts back to the app. Framework-free; fake-graph.ts puts HTTP in front of it.
import { randomBytes } from "node:crypto";
import { WINDOW_MS } from "@/lib/whatsapp/window";
import { buildCustomerMessage, makeMedia, type CustomerMessageInput, type FakeMedia } from "@/lib/fake-whatsapp/customer-messages";
import { inboundNotification, signedWebhook, statusNotification, type FakeMetadata, type StatusInput } from "@/lib/fake-whatsapp/notifications";
import type { GraphFailure } from "@/lib/fake-whatsapp/validate-send";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
export type Clock = { now(): number };

export type FakeStatus = "accepted" | "sent" | "delivered" | "read" | "failed";
export type SentRecord = {
  wamid: string;
  to: string;
  type: string;
  content: Record<string, unknown>;
  contextId: string | null;
  bizOpaque: string | null;
  at: number;
  status: FakeStatus;
  error?: { code: number; title: string; details: string };
};
export type FakeCustomer = { waId: string; profileName: string; lastInboundAt: number | null };
/** code: a Graph error code, an HTTP status ≥ 500, "network" (connection refused: never reached us) or
 * "drop_response" (we accept and send, then the connection breaks before the answer). */
export type Fault = { recipient?: string; code: number | "network" | "drop_response"; times: number; async?: boolean };
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
  const sent: SentRecord[] = [];
  const media = new Map<string, FakeMedia>();
  const deliveries: Delivery[] = [];
  const readMarks: string[] = [];
  let faults: Fault[] = [];
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
    void enqueuePost(statusNotification(meta, { wamid: rec.wamid, status, at: clock.now(), recipient: rec.to, bizOpaque: rec.bizOpaque, error: rec.error, category }));
  }

  return {
    meta,
    customers,
    sent,
    media,
    deliveries,
    readMarks,
    get faults() {
      return faults;
    },
    addFault(f: Fault) {
      faults.push({ ...f, times: Math.max(1, f.times) });
    },
    clearFaults() {
      faults = [];
    },
    /** Consumes one matching fault, if any. */
    takeFault(to: string | null): Fault | null {
      const f = faults.find((x) => x.times > 0 && (!x.recipient || x.recipient === to));
      if (!f) return null;
      f.times--;
      faults = faults.filter((x) => x.times > 0);
      return f;
    },
    windowOpen(waId: string): boolean {
      const c = customers.get(waId);
      return !!c?.lastInboundAt && clock.now() - c.lastInboundAt < WINDOW_MS;
    },
    /** Records an accepted send and schedules its statuses. */
    accept(input: Omit<SentRecord, "wamid" | "at" | "status">, asyncFailure?: number): SentRecord {
      const rec: SentRecord = { ...input, wamid: newWamid(input.to), at: clock.now(), status: "accepted" };
      sent.push(rec);
      if (!customers.has(rec.to)) customers.set(rec.to, { waId: rec.to, profileName: `+${rec.to}`, lastInboundAt: null });
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
    async customerSends(waId: string, input: CustomerMessageInput): Promise<{ wamid: string; webhookStatus: number | "error"; message: Record<string, unknown> }> {
      const now = clock.now();
      const customer = customers.get(waId) ?? { waId, profileName: input.profileName ?? `+${waId}`, lastInboundAt: null };
      if (input.profileName) customer.profileName = input.profileName;
      const wamid = newWamid(waId);
      const message = buildCustomerMessage(waId, wamid, now, input, meta.displayPhoneNumber, (type) => {
        const m = makeMedia(String(1e15 + Math.floor(Math.random() * 8e15)), type, input.media);
        media.set(m.id, m);
        boundMedia(media);
        return m;
      });
      // Reactions do not open the window on Meta's side either; everything else does.
      if (message.type !== "reaction") customer.lastInboundAt = now;
      customers.set(waId, customer);
      const d = await enqueuePost(inboundNotification(meta, { waId, profileName: customer.profileName }, message));
      return { wamid, webhookStatus: d.status, message };
    },
    /** The customer opens the chat: everything delivered becomes read. */
    customerReads(waId: string): SentRecord[] {
      const changed = sent.filter((r) => r.to === waId && (r.status === "sent" || r.status === "delivered"));
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
