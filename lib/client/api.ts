import type { ErrorBody, ErrorCode, FieldErrors } from "@/lib/errors/app-error";

/** Values for a reason's message ("{name} is deactivated…"), as the server sends them. */
export type ErrorParams = Record<string, string | number>;

/**
 * A non-2xx answer from our API, carrying the server's `{ error: { code, message, fields, reason, params } }`.
 * `reason` names the domain rule ("conversation.resolved") so the UI can say it in the user's
 * language (see use-error-text.ts); `message` is the server's English, shown when the catalog
 * has no such reason. Failures that never got an answer from our API get a reason of our own.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | "network";
  readonly fields?: FieldErrors;
  readonly reason?: string;
  readonly params?: ErrorParams;
  /** Structured data of a refusal the UI acts on (e.g. what changed since the agent looked). */
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: ErrorCode | "network", message: string, extra: { fields?: FieldErrors; reason?: string; params?: ErrorParams; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = extra.fields;
    this.reason = extra.reason;
    this.params = extra.params;
    this.details = extra.details;
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (an Idempotency-Key). */
  headers?: Record<string, string>;
  /** Outlives the page (leaving a thread on pagehide). */
  keepalive?: boolean;
};

type WireError = ErrorBody["error"] & { reason?: unknown; params?: unknown };

function isErrorBody(value: unknown): value is { error: WireError } {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const e = (value as { error: unknown }).error;
  return typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string";
}

/** Only flat string/number values: anything else in `params` cannot go into a message. */
function paramsOf(value: unknown): ErrorParams | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: ErrorParams = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

const FALLBACK: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "You do not have permission to do that.",
  404: "Not found.",
  429: "Too many requests. Wait a moment and try again.",
};

/** Fetches JSON from our own API (same-origin cookies) and throws ApiError on any failure. */
export async function api<T>(path: string, { method = "GET", body, signal, headers: extra, keepalive }: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { ...extra, ...(body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      keepalive,
      cache: "no-store",
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "network", "Could not reach Sportello. Check your connection and try again.", { reason: "network" });
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (isErrorBody(data)) {
      const e = data.error;
      throw new ApiError(res.status, e.code, e.message, {
        fields: e.fields,
        reason: typeof e.reason === "string" && e.reason ? e.reason : undefined,
        params: paramsOf(e.params),
        details: typeof e.details === "object" && e.details !== null && !Array.isArray(e.details) ? e.details : undefined,
      });
    }
    // No JSON error from our API (a proxy's page, a crash): a generic reason per status.
    const code: ErrorCode = res.status === 401 ? "unauthorized" : res.status === 403 ? "forbidden" : res.status === 404 ? "not_found" : res.status === 429 ? "rate_limited" : "internal";
    throw new ApiError(res.status, code, FALLBACK[res.status] ?? "Something went wrong on our side. Please try again.", { reason: `http.${code}` });
  }
  return data as T;
}
