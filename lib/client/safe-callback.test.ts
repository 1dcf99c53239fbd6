import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { safeCallbackUrl } from "./safe-callback";

describe("safeCallbackUrl", () => {
  it("keeps paths on this site, with their query and hash", () => {
    expect(safeCallbackUrl("/inbox/0f8fad5b-d9cb-469f-a165-70867728950e?view=mine#m-1")).toBe("/inbox/0f8fad5b-d9cb-469f-a165-70867728950e?view=mine#m-1");
    expect(safeCallbackUrl(undefined)).toBe("/inbox");
    expect(safeCallbackUrl(["/team", "/x"])).toBe("/team");
  });

  it("keeps an absolute URL of this site as its path, and refuses any other origin's", () => {
    const origins = ["https://app.example"];
    expect(safeCallbackUrl("https://app.example/settings?tab=me", { origins })).toBe("/settings?tab=me");
    expect(safeCallbackUrl("https://evil.example/settings", { origins })).toBe("/inbox");
    expect(safeCallbackUrl("https://app.example.evil.example/settings", { origins })).toBe("/inbox");
    expect(safeCallbackUrl("http://app.example/settings", { origins })).toBe("/inbox");
    expect(safeCallbackUrl("https://app.example/settings")).toBe("/inbox");
    expect(safeCallbackUrl("//evil.example", { fallback: "/team" })).toBe("/team");
  });

  it.each([
    ["a tab that browsers drop", "/\t/evil.example/x"],
    ["a newline", "/\n/evil.example/x"],
    ["a carriage return", "/\r/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["protocol-relative", "//evil.example/x"],
    ["a backslash", "/\\evil.example"],
    ["a backslash later", "/a/..\\..\\\\evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["another origin", "https://evil.example/settings"],
    ["another origin, bare", "https://evil"],
    ["a backslash first", "/\\evil"],
    ["too long", `/${"a".repeat(2048)}`],
    ["empty", ""],
    ["not a path", "inbox"],
    ["a space", "/ /evil.example"],
    ["the sign-in page (a loop)", "/login?callbackUrl=/x"],
    ["the API", "/api/me"],
  ])("refuses %s", (_, raw) => {
    expect(safeCallbackUrl(raw)).toBe("/inbox");
  });

  it("never leaves this origin, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string().map((s) => `/${s}`)), (raw) => {
        const out = safeCallbackUrl(raw);
        expect(out.startsWith("/")).toBe(true);
        expect(out.startsWith("//")).toBe(false);
        expect(new URL(out, "https://app.example").origin).toBe("https://app.example");
        // What a browser would make of it, after dropping tabs and newlines:
        expect(new URL(out.replace(/[\t\n\r]/g, ""), "https://app.example").origin).toBe("https://app.example");
      }),
      { numRuns: 3000 },
    );
  });
});
