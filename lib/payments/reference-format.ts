// The reference's format, pure and client-safe: the composer proposes one in the browser and the
// server generates one when none is sent (lib/payments/reference.ts).
// References are what WhatsApp's order_details accepts as reference_id (≤ 35 chars of
// [A-Za-z0-9_.-]) so one value serves the card, the template, the provider and the customer.
export const REFERENCE_PATTERN = /^[A-Za-z0-9_.-]{1,35}$/;
export const REFERENCE_MAX_LENGTH = 35;

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

/** `PAY-` + 10 base32 characters of 7 random bytes (50 bits). */
export function referenceFromBytes(bytes: Uint8Array): string {
  return `PAY-${base32(bytes, 10)}`;
}
