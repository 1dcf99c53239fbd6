import { describe, expect, it } from "vitest";
import { signBody, verifySignature } from "./signature";

const SECRET = "test_app_secret";
const BODY = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
const CHECK = "sha256=dec6a680679a968e7e0319355b23599cbfc54502c0784668e9618baa0c633756";

describe("verifySignature", () => {
  it("accepts the check value from the protocol notes", () => {
    expect(signBody(BODY, SECRET)).toBe(CHECK);
    expect(verifySignature(BODY, CHECK, SECRET)).toBe(true);
    expect(verifySignature(new Uint8Array(BODY), CHECK, SECRET)).toBe(true);
  });

  it("accepts upper-case hex and surrounding whitespace", () => {
    expect(verifySignature(BODY, `  sha256=${CHECK.slice(7).toUpperCase()} `, SECRET)).toBe(true);
  });

  it("rejects a wrong secret, a changed body, and a re-serialised body", () => {
    expect(verifySignature(BODY, CHECK, "other_secret")).toBe(false);
    expect(verifySignature(Buffer.from('{"object":"whatsapp_business_account","entry":[] }'), CHECK, SECRET)).toBe(false);
    const escaped = Buffer.from('{"text":"caf\\u00e9"}');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(escaped.toString())));
    expect(verifySignature(reserialised, signBody(escaped, SECRET), SECRET)).toBe(false);
    expect(verifySignature(escaped, signBody(escaped, SECRET), SECRET)).toBe(true);
  });

  it.each([
    null,
    "",
    "sha256=",
    "sha1=dec6a680679a968e7e0319355b23599cbfc54502",
    CHECK.slice(0, -2),
    `${CHECK}00`,
    CHECK.replace("sha256=", "sha256:"),
    CHECK.replace("d", "z"),
    CHECK.slice(7),
  ])("rejects the malformed header %j", (header) => {
    expect(verifySignature(BODY, header, SECRET)).toBe(false);
  });

  it("rejects everything when the secret is empty", () => {
    expect(verifySignature(BODY, signBody(BODY, ""), "")).toBe(false);
  });
});
