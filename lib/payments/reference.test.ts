import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base32, generatePayNonce, generateReference, payTokenOf, hashPayToken, isValidReference, isWellFormedPayToken } from "./reference";

describe("references", () => {
  it("generates valid, distinct references", () => {
    const refs = new Set(Array.from({ length: 1000 }, generateReference));
    expect(refs.size).toBe(1000);
    for (const r of refs) {
      expect(isValidReference(r)).toBe(true);
      expect(r).toMatch(/^PAY-[0-9A-HJKMNP-TV-Z]{10}$/);
    }
  });

  it("accepts ≤ 35 chars of [A-Za-z0-9_.-] and nothing else", () => {
    expect(isValidReference("VA-UPG_1.2")).toBe(true);
    expect(isValidReference("a".repeat(35))).toBe(true);
    expect(isValidReference("a".repeat(36))).toBe(false);
    expect(isValidReference("")).toBe(false);
    for (const bad of ["has space", "é", "a/b", "a+b", "a#b"]) expect(isValidReference(bad)).toBe(false);
  });

  it("encodes base32 without ambiguous letters", () => {
    expect(base32(new Uint8Array([0, 0, 0, 0, 0]), 8)).toBe("00000000");
    expect(base32(new Uint8Array([255, 255, 255, 255, 255]), 8)).toBe("ZZZZZZZZ");
  });
});

describe("pay tokens", () => {
  it("are derived from a 128-bit nonce and the server's secret, well formed, and only their hash is stored", () => {
    const nonce = generatePayNonce();
    expect(Buffer.from(nonce, "base64url")).toHaveLength(16);
    const t = payTokenOf(nonce, "secret-one-0123456789");
    expect(payTokenOf(nonce, "secret-one-0123456789")).toBe(t);
    expect(payTokenOf(nonce, "secret-two-0123456789")).not.toBe(t);
    expect(isWellFormedPayToken(t)).toBe(true);
    expect(hashPayToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPayToken(t)).not.toContain(t);
    expect(payTokenOf(generatePayNonce(), "secret-one-0123456789")).not.toBe(t);
    expect(isWellFormedPayToken("short")).toBe(false);
    expect(isWellFormedPayToken(`${t.slice(0, 42)}/`)).toBe(false);
  });

  it("keeps signed tokens without ever giving one nonce's token for another's, past its bound too", () => {
    const hmac = (nonce: string, secret: string) => createHmac("sha256", secret).update(`pay-link:${nonce}`).digest("base64url");
    const nonces = Array.from({ length: 6_000 }, generatePayNonce); // more than are kept
    for (const secret of ["secret-one-0123456789", "secret-two-0123456789"]) {
      for (const n of nonces) expect(payTokenOf(n, secret)).toBe(hmac(n, secret));
      // Again: the first ones were let go, the last ones are kept; both answer the same.
      for (const n of [nonces[0]!, nonces[5_999]!]) expect(payTokenOf(n, secret)).toBe(hmac(n, secret));
    }
  });
});
