// The Cloud API send endpoint: POST /{version}/{phone-number-id}/messages. Pure (no server-only,
// no database): the outbox, the tests and the scripts share it. Every failure becomes a SendError
// that says whether trying again can help and whether the request may have reached Meta.

export type GraphConfig = { accessToken: string; graphUrl: string; apiVersion: string; phoneNumberId: string };
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const SEND_TIMEOUT_MS = 20_000;

export type SendErrorInit = {
  code: number | string;
  title: string;
  details?: string | null;
  httpStatus?: number | null;
  transient: boolean;
  uncertain?: boolean;
};

/**
 * A send that did not produce a wamid.
 * - `transient`: the same request may succeed later (5xx, rate limits, network trouble).
 * - `uncertain`: the request may have reached Meta and been accepted (timeout, connection reset
 *   mid-request, unreadable 2xx). Resending blindly could message the customer twice.
 */
export class SendError extends Error {
  readonly code: number | string;
  readonly title: string;
  readonly details: string | null;
  readonly httpStatus: number | null;
  readonly transient: boolean;
  readonly uncertain: boolean;

  constructor(init: SendErrorInit) {
    super(`${init.code}: ${init.title}${init.details ? ` (${init.details})` : ""}`);
    this.name = "SendError";
    this.code = init.code;
    this.title = init.title;
    this.details = init.details ?? null;
    this.httpStatus = init.httpStatus ?? null;
    this.transient = init.transient;
    this.uncertain = init.uncertain ?? false;
  }
}

// Meta's "try again later" codes; everything else in a 4xx is our request or the account.
const TRANSIENT_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 133004]);

/** transient = network errors, 5xx, HTTP 429 and Meta's rate-limit / outage codes. */
export function isTransientGraphError(code: number | string, httpStatus: number | null): boolean {
  if (httpStatus !== null && (httpStatus >= 500 || httpStatus === 429)) return true;
  return typeof code === "number" && TRANSIENT_CODES.has(code);
}

// Connection-level failures that happen before any byte of the request is sent: safe to repeat.
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);

export function networkSendError(err: unknown): SendError {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const name = (err as { name?: string })?.name;
  const code = cause?.code ?? (name === "TimeoutError" || name === "AbortError" ? "TIMEOUT" : "NETWORK");
  const detail = cause?.message ?? (err instanceof Error ? err.message : String(err));
  return new SendError({ code: "network", title: `Could not reach WhatsApp (${code})`, details: detail, transient: true, uncertain: !NEVER_SENT.has(code) });
}

function endpoint(cfg: GraphConfig, path: string): string {
  return `${cfg.graphUrl.replace(/\/+$/, "")}/${cfg.apiVersion}/${path}`;
}

type GraphErrorBody = { error?: { message?: unknown; code?: unknown; error_subcode?: unknown; error_data?: { details?: unknown } } };

/** Maps an HTTP error answer (Meta's `{ error: { … } }` shape, or anything else) to a SendError. */
export function errorFromResponse(httpStatus: number, body: unknown): SendError {
  const e = (body as GraphErrorBody | null)?.error;
  const rawCode = e?.code;
  const code = typeof rawCode === "number" ? rawCode : typeof rawCode === "string" && /^\d+$/.test(rawCode) ? Number(rawCode) : `http_${httpStatus}`;
  const message = typeof e?.message === "string" ? e.message : `HTTP ${httpStatus}`;
  const title = message.replace(/^\(#\d+\)\s*/, "") || `HTTP ${httpStatus}`;
  const details = typeof e?.error_data?.details === "string" ? e.error_data.details : null;
  return new SendError({ code, title, details, httpStatus, transient: isTransientGraphError(code, httpStatus) });
}

async function postJson(cfg: GraphConfig, body: unknown, fetchImpl: FetchLike): Promise<{ status: number; json: unknown }> {
  let res: Response;
  try {
    res = await fetchImpl(endpoint(cfg, `${encodeURIComponent(cfg.phoneNumberId)}/messages`), {
      method: "POST",
      headers: { Authorization: `Bearer ${cfg.accessToken}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    throw networkSendError(err);
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch (err) {
    // The answer broke off: for a 2xx Meta may well have accepted the message.
    if (res.ok) throw new SendError({ code: "bad_response", title: "WhatsApp's answer could not be read", details: String(err), httpStatus: res.status, transient: true, uncertain: true });
  }
  return { status: res.status, json };
}

/** Sends one message; resolves with its wamid or throws a SendError. */
export async function sendMessage(cfg: GraphConfig, body: Record<string, unknown>, fetchImpl: FetchLike = fetch): Promise<{ wamid: string }> {
  const { status, json } = await postJson(cfg, body, fetchImpl);
  if (status < 200 || status >= 300) throw errorFromResponse(status, json);
  const wamid = (json as { messages?: { id?: unknown }[] } | null)?.messages?.[0]?.id;
  if (typeof wamid !== "string" || !wamid) {
    throw new SendError({ code: "bad_response", title: "WhatsApp accepted the request but returned no message id", httpStatus: status, transient: true, uncertain: true });
  }
  return { wamid };
}

/**
 * Blue ticks on the customer's phone for this inbound message (and every earlier one); with
 * `typing`, WhatsApp also shows "typing…" until our reply arrives or 25 seconds pass.
 */
export async function markMessageRead(cfg: GraphConfig, wamid: string, fetchImpl: FetchLike = fetch, opts: { typing?: boolean } = {}): Promise<void> {
  const body = { messaging_product: "whatsapp", status: "read", message_id: wamid, ...(opts.typing ? { typing_indicator: { type: "text" } } : {}) };
  const { status, json } = await postJson(cfg, body, fetchImpl);
  if (status < 200 || status >= 300) throw errorFromResponse(status, json);
}

export type PhoneNumberProfile = {
  verifiedName: string | null;
  displayPhoneNumber: string | null;
  qualityRating: string | null;
  /** The green badge: an Official Business Account. */
  official: boolean;
};

/** GET /{version}/{phone-number-id}: the number's display name, quality and badge as Meta has them. */
export async function fetchPhoneNumberProfile(cfg: GraphConfig, fetchImpl: FetchLike = fetch): Promise<PhoneNumberProfile> {
  const fields = "verified_name,display_phone_number,quality_rating,code_verification_status,is_official_business_account";
  let res: Response;
  try {
    res = await fetchImpl(`${endpoint(cfg, encodeURIComponent(cfg.phoneNumberId))}?fields=${fields}`, {
      method: "GET",
      headers: { Authorization: `Bearer ${cfg.accessToken}` },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    throw networkSendError(err);
  }
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) throw errorFromResponse(res.status, json);
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);
  return {
    verifiedName: str(json?.verified_name),
    displayPhoneNumber: str(json?.display_phone_number),
    qualityRating: str(json?.quality_rating)?.toUpperCase() ?? null,
    official: json?.is_official_business_account === true,
  };
}

/**
 * Is the Graph API answering again? A cheap read of the number (`?fields=id`). Any answer but a
 * 5xx or a 429 counts as up: a 4xx such as an expired token is the send path's to report, not an
 * outage. Used by the outbox to wake sends held back by retry backoff once WhatsApp is back.
 */
export async function probeGraph(cfg: GraphConfig, fetchImpl: FetchLike = fetch, timeoutMs = 5_000): Promise<boolean> {
  try {
    const res = await fetchImpl(`${endpoint(cfg, encodeURIComponent(cfg.phoneNumberId))}?fields=id`, {
      method: "GET",
      headers: { Authorization: `Bearer ${cfg.accessToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status < 500 && res.status !== 429;
  } catch {
    return false;
  }
}
