import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { assertSameOriginForm, assertSameOriginJson, MAX_JSON_BODY_BYTES, readJson } from "./route";

const URL_ = "http://127.0.0.1:3100/api/conversations/x/messages";
const req = (headers: Record<string, string>, body: string | null = '{"text":"hi"}', method = "POST") =>
  new Request(URL_, { method, headers: { host: "127.0.0.1:3100", ...(body !== null ? { "content-length": String(Buffer.byteLength(body)) } : {}), ...headers }, body });

function refused(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a refusal");
}

describe("CSRF: state-changing API calls come from our own pages, as JSON", () => {
  it("accepts our own fetch (same-origin, JSON) and non-browser clients (no Origin)", () => {
    expect(() => assertSameOriginJson(req({ origin: "http://127.0.0.1:3100", "sec-fetch-site": "same-origin", "content-type": "application/json" }))).not.toThrow();
    expect(() => assertSameOriginJson(req({ "content-type": "application/json; charset=utf-8" }))).not.toThrow();
    expect(() => assertSameOriginJson(req({ origin: "http://127.0.0.1:3100" }, null))).not.toThrow();
  });

  it("refuses a form auto-posted from another port of the same site (text/plain, same-site)", () => {
    const e = refused(() => assertSameOriginJson(req({ origin: "http://127.0.0.1:4000", "sec-fetch-site": "same-site", "content-type": "text/plain" })));
    expect(e).toMatchObject({ status: 403, reason: "request.cross_site" });
  });

  it("refuses another origin even when Sec-Fetch-Site is missing, and an opaque origin", () => {
    expect(refused(() => assertSameOriginJson(req({ origin: "https://evil.example", "content-type": "application/json" })))).toMatchObject({ status: 403 });
    expect(refused(() => assertSameOriginJson(req({ origin: "null", "content-type": "application/json" })))).toMatchObject({ status: 403 });
    expect(refused(() => assertSameOriginJson(req({ "sec-fetch-site": "cross-site", "content-type": "application/json" })))).toMatchObject({ status: 403 });
  });

  it("refuses a body that is not JSON (415), even from our origin", () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
      const headers: Record<string, string> = { origin: "http://127.0.0.1:3100", "sec-fetch-site": "same-origin" };
      if (type) headers["content-type"] = type;
      expect(refused(() => assertSameOriginJson(req(headers)))).toMatchObject({ status: 415, reason: "request.json_only" });
    }
  });

  it("lets reads through untouched", () => {
    expect(() => assertSameOriginJson(req({ origin: "https://evil.example" }, null, "GET"))).not.toThrow();
  });
});

describe("CSRF: the pay page's no-script form", () => {
  const form = (headers: Record<string, string>) => req({ "content-type": "application/x-www-form-urlencoded", ...headers }, "cardNumber=4242");

  it("accepts our page's POST: Origin null under no-referrer with Sec-Fetch-Site same-origin, or our own Origin, or a client without either", () => {
    expect(() => assertSameOriginForm(form({ origin: "null", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOriginForm(form({ origin: "http://127.0.0.1:3100" }))).not.toThrow();
    expect(() => assertSameOriginForm(form({}))).not.toThrow();
  });

  it("refuses another site, an opaque origin it cannot place, and a foreign Origin", () => {
    const attempts: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:4000" }, { origin: "null" }, { origin: "https://evil.example" }];
    for (const headers of attempts) {
      expect(refused(() => assertSameOriginForm(form(headers)))).toMatchObject({ status: 403, reason: "request.cross_site" });
    }
  });
});

describe("JSON bodies", () => {
  it("reads a normal body", async () => {
    await expect(readJson(req({ "content-type": "application/json" }))).resolves.toEqual({ text: "hi" });
  });

  it("refuses a body over the limit (413), declared or streamed", async () => {
    const big = JSON.stringify({ text: "x".repeat(MAX_JSON_BODY_BYTES) });
    await expect(readJson(req({ "content-type": "application/json" }, big))).rejects.toMatchObject({ status: 413 });
    const streamed = new Request(URL_, {
      method: "POST",
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 80; i++) c.enqueue(new TextEncoder().encode("x".repeat(1024)));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    await expect(readJson(streamed)).rejects.toMatchObject({ status: 413 });
  });

  it("answers 400 for malformed JSON", async () => {
    await expect(readJson(req({ "content-type": "application/json" }, "{nope"))).rejects.toMatchObject({ status: 400, reason: "request.invalid_json" });
  });
});
