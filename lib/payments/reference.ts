import { createHash, createHmac, randomBytes } from "node:crypto";

// References are what WhatsApp's order_details accepts as reference_id (≤ 35 chars of
// [A-Za-z0-9_.-]) so one value serves the card, the template, the provider and the customer.
export const REFERENCE_PATTERN = /^[A-Za-z0-9_.-]{1,35}$/;

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Crockford base32 of random bytes: no I, L, O or U, so a customer can read it out on the phone. */
export function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** `PAY-` + 10 base32 characters (50 random bits): collisions are retried by the unique index. */
export function generateReference(): string {
  return `PAY-${base32(randomBytes(7), 10)}`;
}

export function isValidReference(ref: string): boolean {
  return REFERENCE_PATTERN.test(ref);
}

/** A request's 128 random bits behind its pay link (stored). */
export function generatePayNonce(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * The pay link's token: HMAC-SHA256(secret, nonce), base64url (43 chars). Unguessable without
 * the server's secret even to someone who reads the table; only its SHA-256 is looked up.
 */
export function payTokenOf(nonce: string, secret: string): string {
  return createHmac("sha256", secret).update(`pay-link:${nonce}`).digest("base64url");
}

export function hashPayToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as we mint it; anything else is not looked up at all. */
export function isWellFormedPayToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
