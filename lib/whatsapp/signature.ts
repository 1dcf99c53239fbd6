import { createHmac, timingSafeEqual } from "node:crypto";

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>` header: HMAC-SHA256 of the exact raw body
 * bytes keyed with the app secret. Never parse-then-reserialise before calling this: Meta signs
 * the bytes as sent (non-ASCII escaped as \uXXXX), not what JSON.stringify would produce.
 * False on a missing, malformed or wrong header; never throws.
 */
export function verifySignature(rawBody: Buffer | Uint8Array, header: string | null, secret: string): boolean {
  if (!header || !secret) return false;
  const match = HEADER.exec(header.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], "hex");
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header value Meta would send for these bytes (tests, the simulator). */
export function signBody(rawBody: Buffer | Uint8Array | string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}
