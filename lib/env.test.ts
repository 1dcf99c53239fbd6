import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env.ts caches what it parsed: each case loads a fresh copy under its own environment.
async function connectionWith(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v ?? "");
  const env = await import("./env");
  return env.describeWhatsAppConnection();
}

describe("what the settings page may know of the WhatsApp connection", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("demo mode: no secrets set, webhook URL from APP_URL", async () => {
    const c = await connectionWith({ SPORTELLO_DEMO: "1", APP_URL: "https://inbox.example.com/", WHATSAPP_ACCESS_TOKEN: "", WHATSAPP_APP_SECRET: "", WHATSAPP_VERIFY_TOKEN: "" });
    expect(c).toMatchObject({ mode: "demo", problem: null, webhookUrl: "https://inbox.example.com/api/webhooks/whatsapp", secrets: { appSecret: false, verifyToken: false, accessToken: false } });
  });

  it("live: says which secrets are set, never their values", async () => {
    const c = await connectionWith({ WHATSAPP_ACCESS_TOKEN: "EAAG-secret-token", WHATSAPP_APP_SECRET: "app-secret-123", WHATSAPP_VERIFY_TOKEN: "verify-me", WHATSAPP_PHONE_NUMBER_ID: "123456789" });
    expect(c).toMatchObject({ mode: "live", problem: null, graphHost: "graph.facebook.com", defaultPhoneNumberId: "123456789", secrets: { appSecret: true, verifyToken: true, accessToken: true } });
    expect(JSON.stringify(c)).not.toMatch(/EAAG-secret-token|app-secret-123|verify-me/);
  });

  it("no credentials and no demo: unconfigured, with no demo secret to forge webhooks with", async () => {
    vi.resetModules();
    for (const k of ["SPORTELLO_DEMO", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_PHONE_NUMBER_ID"]) vi.stubEnv(k, "");
    const env = await import("./env");
    expect(env.describeWhatsAppConnection()).toMatchObject({ mode: "unconfigured", problem: null });
    expect(env.getWhatsAppConfig()).toMatchObject({ mode: "unconfigured", demo: false, appSecret: "", verifyToken: "", accessToken: "" });
  });

  it("demo and a real token together is refused in words", async () => {
    const c = await connectionWith({ SPORTELLO_DEMO: "1", WHATSAPP_ACCESS_TOKEN: "EAAG-secret-token", WHATSAPP_APP_SECRET: "x" });
    expect(c.problem).toMatch(/SPORTELLO_DEMO and WHATSAPP_ACCESS_TOKEN/);
  });

  it("APP_URL falls back to NEXTAUTH_URL, then the listening port", async () => {
    vi.resetModules();
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("NEXTAUTH_URL", "https://support.example.com/");
    expect((await import("./env")).getAppUrl()).toBe("https://support.example.com");
    vi.resetModules();
    vi.stubEnv("NEXTAUTH_URL", "");
    vi.stubEnv("PORT", "3456");
    expect((await import("./env")).getAppUrl()).toBe("http://localhost:3456");
  });

  it("half-configured live (a token but no app secret): the problem in words, not an error", async () => {
    const c = await connectionWith({ WHATSAPP_ACCESS_TOKEN: "EAAG-secret-token", WHATSAPP_APP_SECRET: "" });
    expect(c.mode).toBe("live");
    expect(c.problem).toMatch(/WHATSAPP_APP_SECRET must be set/);
    expect(JSON.stringify(c)).not.toMatch(/EAAG-secret-token/);
  });
});

describe("scale-out connections (docs/scaling.md)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("unset: no direct or replica URL, a pool of 10 per process", async () => {
    vi.resetModules();
    for (const k of ["DATABASE_DIRECT_URL", "DATABASE_READ_URL", "DATABASE_POOL_MAX"]) vi.stubEnv(k, "");
    const env = await import("./env");
    expect(env.getEnv()).toMatchObject({ DATABASE_POOL_MAX: 10 });
    expect(env.getEnv().DATABASE_DIRECT_URL).toBeUndefined();
    expect(env.getEnv().DATABASE_READ_URL).toBeUndefined();
  });

  it("behind PgBouncer: the pooler, the primary for LISTEN, the replica for reports", async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "postgres://app@127.0.0.1:4432/sportello");
    vi.stubEnv("DATABASE_DIRECT_URL", "postgres://app@127.0.0.1:4433/sportello");
    vi.stubEnv("DATABASE_READ_URL", "postgres://app@127.0.0.1:4434/sportello");
    vi.stubEnv("DATABASE_POOL_MAX", "6");
    const env = await import("./env");
    expect(env.getEnv()).toMatchObject({ DATABASE_DIRECT_URL: expect.stringContaining(":4433/"), DATABASE_READ_URL: expect.stringContaining(":4434/"), DATABASE_POOL_MAX: 6 });
  });

  it("a pool size that is not a positive number is refused in words", async () => {
    vi.resetModules();
    vi.stubEnv("DATABASE_POOL_MAX", "0");
    const env = await import("./env");
    expect(() => env.getEnv()).toThrow(/DATABASE_POOL_MAX/);
  });
});

describe("process roles (server.mjs --role)", () => {
  afterEach(() => vi.unstubAllEnvs());
  const load = async (vars: Record<string, string>) => {
    vi.resetModules();
    for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
    return import("./env");
  };

  it("unset: one process does everything, on either database", async () => {
    expect((await load({ SPORTELLO_ROLE: "", DATABASE_URL: "" })).getProcessRole()).toBe("all");
  });

  it("web and worker on PostgreSQL", async () => {
    expect((await load({ SPORTELLO_ROLE: "web", DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db" })).getProcessRole()).toBe("web");
    expect((await load({ SPORTELLO_ROLE: "worker", DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db" })).getProcessRole()).toBe("worker");
  });

  it("a split on the embedded database is refused in words (nobody would process its webhooks)", async () => {
    const env = await load({ SPORTELLO_ROLE: "web", DATABASE_URL: "" });
    expect(() => env.getProcessRole()).toThrow(/SPORTELLO_ROLE: web and worker processes share a PostgreSQL server: set DATABASE_URL/);
  });

  it("an unknown role is refused", async () => {
    const env = await load({ SPORTELLO_ROLE: "reports", DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db" });
    expect(() => env.getProcessRole()).toThrow(/SPORTELLO_ROLE/);
  });
});
