// A fake WhatsApp Cloud API: the Graph endpoints Sportello calls, plus `/_fake/…` endpoints for
// tests and the customer simulator. `handle(Request) → Response`, nothing else: mount it in a
// node:http server, a Next route, or call it in-process as a fetch implementation.
import { randomBytes } from "node:crypto";
import { CustomerInputError, type CustomerMessageInput } from "@/lib/fake-whatsapp/customer-messages";
import { createEngine, failureFor, NetworkFault, type EngineOptions, type Fault, type Outage } from "@/lib/fake-whatsapp/engine";
import { FAKE_WABA_ID } from "@/lib/fake-whatsapp/notifications";
import { createTemplateAccount } from "@/lib/fake-whatsapp/template-account";
import { builtInTemplates, flatView, type StoredTemplate } from "@/lib/fake-whatsapp/templates";
import { isBsuid, validateSend, type GraphFailure } from "@/lib/fake-whatsapp/validate-send";

export type FakeGraphOptions = EngineOptions & {
  /** When set, requests must carry exactly this bearer token (else any non-empty token passes). */
  accessToken?: string;
  /** Path prefix the fake is mounted under, e.g. "/api/fake-graph". */
  basePath?: string;
  /** The account's templates (default: a copy of the seeded ones); the fake changes this array. */
  templates?: StoredTemplate[];
  /** The WhatsApp Business account id (template endpoints and webhooks); default FAKE_WABA_ID. */
  wabaId?: string;
  /** Milliseconds from a template submission to Meta's decision; default 1,500 (0 in tests). */
  templateReviewMs?: number;
  /**
   * When the fake has no record of a customer writing (it keeps state in memory, so a restart
   * forgets), it may ask the host: the demo mount answers from the app's database.
   */
  lastInboundAt?: (waId: string) => Promise<number | null>;
  /** What GET /{version}/{phone-number-id} answers about the business number. */
  profile?: { verifiedName?: string; displayPhoneNumber?: string; qualityRating?: string; official?: boolean };
};

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

function graphError(f: GraphFailure): Response {
  const numbered = f.code !== 190 && f.code !== 104;
  return json(
    {
      error: {
        message: numbered ? `(#${f.code}) ${f.title}` : f.title,
        type: "OAuthException",
        code: f.code,
        ...(f.subcode ? { error_subcode: f.subcode } : {}),
        ...(numbered ? { error_data: { messaging_product: "whatsapp", details: f.details } } : {}),
        fbtrace_id: randomBytes(9).toString("base64url"),
      },
    },
    f.httpStatus,
  );
}

/** What Meta answers while down: a 500 "temporarily unavailable", a 429 rate limit, or no connection. */
function outageAnswer(o: Outage): Response {
  if (o.kind === "network") throw new NetworkFault("ECONNREFUSED");
  if (o.kind === 429) return graphError({ httpStatus: 429, code: 4, title: "Application request limit reached", details: "Too many calls: try again later." });
  return graphError({ httpStatus: 500, code: 2, title: "Service temporarily unavailable", details: "WhatsApp is temporarily unavailable: try again later." });
}

const fakeError = (status: number, message: string) => json({ error: { message } }, status);

async function readBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createFakeGraph(opts: FakeGraphOptions) {
  const engine = createEngine(opts);
  const clock = opts.clock ?? { now: () => Date.now() };
  const account = createTemplateAccount(engine, { wabaId: opts.wabaId ?? FAKE_WABA_ID, templates: opts.templates ?? builtInTemplates(), reviewMs: opts.templateReviewMs ?? 1_500 }, () => clock.now());
  const templates = account.store;
  const basePath = (opts.basePath ?? "").replace(/\/+$/, "");

  function authFailure(req: Request): GraphFailure | null {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
    if (!token) return { httpStatus: 401, code: 104, title: "An access token is required to request this resource.", details: "" };
    if (opts.accessToken && token !== opts.accessToken) return { httpStatus: 401, code: 190, title: "Invalid OAuth access token - Cannot parse access token", details: "" };
    return null;
  }

  async function sendMessages(req: Request, phoneNumberId: string): Promise<Response> {
    if (phoneNumberId !== opts.phoneNumberId) {
      return graphError({ httpStatus: 400, code: 100, subcode: 33, title: `Unsupported post request. Object with ID '${phoneNumberId}' does not exist`, details: "Check the phone number id." });
    }
    const raw = await readBody(req);
    if (raw === undefined) return graphError({ httpStatus: 400, code: 100, title: "Invalid parameter", details: "The request body is not valid JSON." });
    const r = raw as { to?: unknown; recipient?: unknown } | null;
    const to = typeof r?.to === "string" ? r.to.replace(/^\+/, "") : typeof r?.recipient === "string" ? r.recipient : null;
    const isSend = (raw as { status?: unknown })?.status === undefined;
    const fault = isSend ? engine.takeFault(to) : null;
    if (fault?.code === "network") throw new NetworkFault("ECONNREFUSED");
    if (fault && typeof fault.code === "number" && !fault.async) return graphError(failureFor(fault.code));

    const v = validateSend(raw, templates);
    if ("httpStatus" in v) return graphError(v);
    if (v.action === "read") {
      engine.readMarks.push(v.messageId);
      if (v.typing) engine.businessTyping(v.messageId);
      return json({ success: true });
    }
    // `to` (a phone number) wins over `recipient` (a BSUID); the fake keys the customer either way.
    const key = engine.keyFor({ to: v.to, recipient: v.recipient });
    if (v.type !== "template" && !engine.windowOpen(key) && opts.lastInboundAt) {
      const at = await opts.lastInboundAt(key).catch(() => null);
      const known = engine.customers.get(key);
      if (at && (!known?.lastInboundAt || at > known.lastInboundAt)) {
        engine.customers.set(key, { ...(known ?? { waId: v.to, userId: v.recipient, profileName: `+${key}` }), lastInboundAt: at });
      }
    }
    if (v.type !== "template" && !engine.windowOpen(key)) return graphError(failureFor(131047));
    const rec = engine.accept(
      { to: key, via: v.to ? "to" : "recipient", type: v.type, content: v.content, contextId: v.contextId, bizOpaque: v.bizOpaque },
      fault?.async && typeof fault.code === "number" ? fault.code : undefined,
    );
    if (fault?.code === "drop_response") throw new NetworkFault("ECONNRESET");
    // contacts[]: { input, wa_id?, user_id? } — no wa_id when the customer's phone is withheld.
    const customer = engine.customers.get(key);
    const waId = v.to ?? customer?.waId ?? null;
    const userId = customer?.userId ?? v.recipient;
    return json({
      messaging_product: "whatsapp",
      contacts: [{ input: v.to ? String(r!.to) : v.recipient, ...(waId ? { wa_id: waId } : {}), ...(userId ? { user_id: userId } : {}) }],
      messages: [{ id: rec.wamid, ...(v.type === "template" ? { message_status: "accepted" } : {}) }],
    });
  }

  async function templateEndpoint(req: Request, wabaId: string): Promise<Response> {
    if (wabaId !== (opts.wabaId ?? FAKE_WABA_ID)) {
      return graphError({ httpStatus: 400, code: 100, subcode: 33, title: `Unsupported request. Object with ID '${wabaId}' does not exist`, details: "Check the WhatsApp Business account id." });
    }
    if (req.method === "GET") return json(account.list(new URL(req.url)));
    if (req.method !== "POST") return graphError({ httpStatus: 400, code: 100, title: "Unsupported method", details: `${req.method} is not supported here.` });
    const raw = await readBody(req);
    if (raw === undefined) return graphError({ httpStatus: 400, code: 100, title: "Invalid parameter", details: "The request body is not valid JSON." });
    const r = account.submit(raw);
    return "httpStatus" in r ? graphError(r as GraphFailure) : json(r);
  }

  async function editTemplate(req: Request, id: string): Promise<Response> {
    const raw = await readBody(req);
    if (raw === undefined) return graphError({ httpStatus: 400, code: 100, title: "Invalid parameter", details: "The request body is not valid JSON." });
    const r = account.edit(id, raw);
    if (!r) return graphError({ httpStatus: 400, code: 100, subcode: 33, title: `Unsupported post request. Object with ID '${id}' does not exist`, details: "Unknown template id." });
    return "httpStatus" in r ? graphError(r as GraphFailure) : json(r);
  }

  function phoneNumberInfo(): Response {
    const p = opts.profile ?? {};
    return json({
      verified_name: p.verifiedName ?? "Sportello Demo",
      code_verification_status: "VERIFIED",
      display_phone_number: p.displayPhoneNumber ?? opts.displayPhoneNumber ?? "+1 555-000-1234",
      quality_rating: p.qualityRating ?? "GREEN",
      is_official_business_account: p.official ?? true,
      id: opts.phoneNumberId,
    });
  }

  function mediaInfo(req: Request, mediaId: string): Response {
    const m = engine.media.get(mediaId);
    if (!m) return graphError({ httpStatus: 400, code: 100, subcode: 33, title: `Unsupported get request. Object with ID '${mediaId}' does not exist`, details: "Unknown media id." });
    const origin = new URL(req.url).origin;
    return json({ messaging_product: "whatsapp", url: `${origin}${basePath}/_fake/media/${m.id}`, mime_type: m.mimeType, sha256: m.sha256, file_size: m.bytes.length, id: m.id });
  }

  async function fakeRoutes(req: Request, segs: string[]): Promise<Response> {
    const [, area, id, action] = segs;
    const method = req.method.toUpperCase();
    if (area === "media" && id && method === "GET") {
      const auth = authFailure(req);
      if (auth) return graphError(auth);
      const m = engine.media.get(id);
      if (!m) return fakeError(404, "Unknown media.");
      return new Response(new Uint8Array(m.bytes), { headers: { "Content-Type": m.mimeType, "Content-Length": String(m.bytes.length) } });
    }
    // An outage of the whole Graph API for `seconds` (default 60): every Graph call fails until it
    // ends or is deleted. The fault suite and bench:outage use it to prove the outbox's recovery.
    if (area === "outage" && !id) {
      if (method === "GET") return json({ outage: engine.outage && { kind: engine.outage.kind, until: new Date(engine.outage.until).toISOString() } });
      if (method === "DELETE") {
        engine.endOutage();
        return json({ ok: true });
      }
      if (method === "POST") {
        const body = (await readBody(req)) as { kind?: unknown; seconds?: unknown } | undefined;
        const kind = body?.kind ?? 500;
        const seconds = body?.seconds ?? 60;
        if ((kind !== 500 && kind !== 429 && kind !== "network") || typeof seconds !== "number" || !(seconds > 0 && seconds <= 3600)) {
          return fakeError(400, 'Body must be {kind?: 500 | 429 | "network", seconds?: 1–3600}.');
        }
        engine.startOutage(kind, seconds * 1000);
        return json({ outage: { kind, until: new Date(engine.outage!.until).toISOString() } }, 201);
      }
    }
    if (area === "faults" && !id) {
      if (method === "GET") return json({ faults: engine.faults });
      if (method === "DELETE") {
        engine.clearFaults();
        return json({ ok: true });
      }
      if (method === "POST") {
        const body = (await readBody(req)) as Partial<Fault> | undefined;
        const code = body?.code;
        const valid = code === "network" || code === "drop_response" || (typeof code === "number" && Number.isInteger(code) && code > 0);
        if (!body || !valid) return fakeError(400, "Body must be {recipient?, code: number | \"network\" | \"drop_response\", times?, async?}.");
        engine.addFault({ code: code!, times: typeof body.times === "number" ? body.times : 1, ...(body.recipient ? { recipient: String(body.recipient).replace(/^\+/, "") } : {}), ...(body.async ? { async: true } : {}) });
        return json({ faults: engine.faults }, 201);
      }
    }
    if (area === "templates" && !id && method === "GET") return json({ data: templates.map(flatView) });
    // Meta changes a template on its own: status (PAUSED, DISABLED, REINSTATED…), quality, category.
    if (area === "templates" && id && method === "POST") {
      const body = (await readBody(req)) as { event?: string; reason?: string; quality?: string; category?: string } | undefined;
      if (!body || typeof body !== "object") return fakeError(400, "Body must be {event?, reason?, quality?, category?}.");
      const t = account.change(id, body);
      return t ? json(flatView(t)) : fakeError(404, "Unknown template (use its id or name:language).");
    }
    // Customer messages the business marked read (blue ticks on the customer's phone).
    if (area === "read-marks" && method === "GET") return json({ data: engine.readMarks });
    if (area === "customers" && !id && method === "GET") return json({ data: [...engine.customers.values()] });
    // A customer is named by phone number, or by BSUID when they are username-only (phone withheld).
    if (area === "customers" && id && (/^\d{6,15}$/.test(id) || isBsuid(id))) {
      if (action === "echoes" && method === "POST") {
        const body = (await readBody(req)) as { text?: string; profileName?: string } | undefined;
        if (!body || typeof body !== "object") return fakeError(400, "Body must be a JSON object.");
        try {
          const r = await engine.businessEchoes(id, body);
          return json({ id: r.wamid, webhookStatus: r.webhookStatus, echo: r.echo }, 201);
        } catch (err) {
          if (err instanceof CustomerInputError) return fakeError(400, err.message);
          throw err;
        }
      }
      if (action === "system" && method === "POST") {
        const body = (await readBody(req)) as { type?: string; newWaId?: string; newUserId?: string } | undefined;
        if (!body || typeof body !== "object") return fakeError(400, "Body must be a JSON object.");
        try {
          const r = await engine.customerSystem(id, body);
          return json({ id: r.wamid, webhookStatus: r.webhookStatus, message: r.message, customer: r.key }, 201);
        } catch (err) {
          if (err instanceof CustomerInputError) return fakeError(400, err.message);
          throw err;
        }
      }
      if (action === "messages" && method === "POST") {
        const body = (await readBody(req)) as CustomerMessageInput | undefined;
        if (!body || typeof body !== "object") return fakeError(400, "Body must be a JSON object.");
        try {
          const r = await engine.customerSends(id, body);
          return json({ id: r.wamid, webhookStatus: r.webhookStatus, message: r.message }, 201);
        } catch (err) {
          if (err instanceof CustomerInputError) return fakeError(400, err.message);
          throw err;
        }
      }
      if (action === "inbox" && method === "GET") {
        const until = engine.typingUntil(id);
        return json({ data: engine.inboxOf(id), typingUntil: until ? new Date(until).toISOString() : null });
      }
      if (action === "read" && method === "POST") return json({ read: engine.customerReads(id).map((r) => r.wamid) });
    }
    return fakeError(404, `No fake endpoint ${method} /${segs.join("/")}.`);
  }

  async function handle(req: Request): Promise<Response> {
    let path = new URL(req.url).pathname;
    if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length);
    const segs = path.split("/").filter(Boolean).map(decodeURIComponent);
    if (segs[0] === "_fake") return fakeRoutes(req, segs);
    if (segs[0] && /^v\d+\.\d+$/.test(segs[0])) {
      const down = engine.outage;
      if (down) return outageAnswer(down);
      const auth = authFailure(req);
      if (auth) return graphError(auth);
      if (segs.length === 3 && segs[2] === "messages" && req.method === "POST") return sendMessages(req, segs[1]!);
      if (segs.length === 3 && segs[2] === "message_templates") return templateEndpoint(req, segs[1]!);
      if (segs.length === 2 && req.method === "POST" && segs[1] !== opts.phoneNumberId) return editTemplate(req, segs[1]!);
      if (segs.length === 2 && req.method === "GET") return segs[1] === opts.phoneNumberId ? phoneNumberInfo() : mediaInfo(req, segs[1]!);
    }
    return graphError({ httpStatus: 400, code: 100, title: "Unknown path components", details: `${req.method} ${path} is not part of the fake Graph API.` });
  }

  return {
    handle,
    /** fetch-compatible: pass as `fetchImpl` to talk to the fake without a socket. */
    fetch: (url: string, init?: RequestInit) => handle(new Request(url, init)),
    engine,
    /** The account's templates (Meta's side): tests and the simulator read it. */
    templates: account,
    idle: engine.idle,
    close: engine.close,
  };
}

export type FakeGraph = ReturnType<typeof createFakeGraph>;
