import type { ErrorCode } from "@/lib/errors/app-error";

/** The one place a domain error becomes an HTTP status. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
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
