export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "upstream_failed"
  | "internal";

/** The one place an error kind becomes an HTTP status (lib/http answers with it). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  // WhatsApp's Graph API answered with an error or not at all.
  upstream_failed: 502,
  internal: 500,
};

export type FieldErrors = Record<string, string[]>;

/** zod issues → `{ "path.to.field": ["message"] }`, the `fields` of the error body. */
export function zodFieldErrors(err: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Values a client may put into its own translation of the reason ("{name} is deactivated…"). */
export type ErrorParams = Record<string, string | number>;

/**
 * The one error type the domains throw. `code` is the kind (what the HTTP layer maps to a status),
 * `reason` the domain's own code ("conversation.resolved") with its `params`, so a client can say
 * it in the reader's language; `message` is the English sentence for logs and API users.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly reason?: string;
  readonly params?: ErrorParams;
  /** Structured data about the refusal a client acts on (what changed since the agent looked). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors, detail?: { reason: string; params?: ErrorParams; details?: Record<string, unknown> }) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
    this.reason = detail?.reason;
    this.params = detail?.params;
    this.details = detail?.details;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

/** A domain error: `domainError("conflict", "conversation.resolved", "This conversation is resolved…")`. */
export function domainError(code: ErrorCode, reason: string, message: string, params?: ErrorParams, fields?: FieldErrors, details?: Record<string, unknown>): AppError {
  return new AppError(code, message, fields, { reason, params, details });
}

export const notFound = (what: string) => domainError("not_found", `${what.toLowerCase().replace(/\s+/g, "_")}.not_found`, `${what} not found.`, { what });
export const conflict = (message: string) => new AppError("conflict", message);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);

export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldErrors; reason?: string; params?: ErrorParams; details?: Record<string, unknown> } };

/**
 * The root cause of an unexpected error, for logs: not drizzle's "Failed query: … params: …"
 * wrapper, which would copy customer text and ids into the log.
 */
export function describeError(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause; i++) e = e.cause;
  const code = typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string" ? `[${(e as { code: string }).code}] ` : "";
  const message = e instanceof Error ? e.message : String(e);
  return `${code}${message.startsWith("Failed query:") ? "a query failed" : message}`.slice(0, 2000);
}
