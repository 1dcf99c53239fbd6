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
