export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "upstream_failed"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
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

/** The one error type the domain throws; route handlers map it to `{ error: { code, message, fields? } }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);
export const conflict = (message: string) => new AppError("conflict", message);
export const forbidden = (message = "You do not have permission to do that.") => new AppError("forbidden", message);

export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldErrors } };
