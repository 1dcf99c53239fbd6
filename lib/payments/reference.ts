import { createHash, createHmac, randomBytes } from "node:crypto";
import { base32, referenceFromBytes, REFERENCE_PATTERN } from "./reference-format";

export { base32, REFERENCE_PATTERN };

/** `PAY-` + 10 base32 characters (50 random bits): collisions are retried by the unique index. */
export function generateReference(): string {
  return referenceFromBytes(randomBytes(7));
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
  const kept = signedTokens.get(secret)?.get(nonce);
  if (kept) return kept;
  const token = createHmac("sha256", secret).update(`pay-link:${nonce}`).digest("base64url");
  let bySecret = signedTokens.get(secret);
  if (!bySecret) signedTokens.set(secret, (bySecret = new Map()));
  if (bySecret.size >= KEPT_TOKENS) bySecret.delete(bySecret.keys().next().value!); // the oldest
  bySecret.set(nonce, token);
  return token;
}

// Every request the API returns whole carries its pay link (a detail, a live frame), and the same
// requests are read over and over: the HMAC was a fifth of the list's CPU when the list returned
// whole requests (bench:api profile, 12-03). A token depends only on the nonce and the secret, so
// the last few thousand are kept per secret.
const KEPT_TOKENS = 5_000;
const signedTokens = new Map<string, Map<string, string>>();

export function hashPayToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as we mint it; anything else is not looked up at all. */
export function isWellFormedPayToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
