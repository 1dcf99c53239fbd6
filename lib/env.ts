import { z } from "zod";

// The only module that reads process.env. Parsed lazily so `next build` (which loads route
// modules) never needs runtime secrets.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  // Behind a transaction-mode pooler (PgBouncer), DATABASE_URL points at the pooler and this at the
  // primary itself: a session connection for LISTEN, which a transaction pooler cannot hold.
  // Unset: LISTEN uses DATABASE_URL (right when that is the server or a session-mode pooler).
  DATABASE_DIRECT_URL: z.string().url().optional(),
  // A streaming replica for the reports' read-only queries (lib/reports). Unset: the primary.
  DATABASE_READ_URL: z.string().url().optional(),
  // Connections each process's query pool may hold (PostgreSQL only): processes × this must fit
  // the pooler's pool or the server's max_connections (docs/scaling.md).
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  // The inbox's hottest reads as named statements, planned once per connection (lib/db/prepared.ts).
  // `auto`: on, unless DATABASE_DIRECT_URL says DATABASE_URL is a transaction-mode pooler. `on`
  // behind PgBouncer 1.21+ with max_prepared_statements set; `off` behind any other such pooler.
  DATABASE_PREPARED_STATEMENTS: z.enum(["auto", "on", "off"]).default("auto"),
  PGLITE_DIR: z.string().default("./data/pglite"),
  // What this process does (PostgreSQL only; docs/scaling.md): `all` answers HTTP and processes
  // webhooks and jobs; `web` answers HTTP and stores webhooks, leaving their processing to `worker`
  // processes (`node server.mjs --role worker`), which serve no HTTP. pg-boss jobs run in every
  // role: a reply typed on a web process is sent by its own outbox worker at once.
  SPORTELLO_ROLE: z.enum(["all", "web", "worker"]).default("all"),
  // Concurrent webhook drains in a worker process (lib/ingest/processor.ts); `all` processes keep one.
  WEBHOOK_WORKER_DRAINS: z.coerce.number().int().min(1).max(8).default(2),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_BACKOFF_AFTER: z.coerce.number().int().positive().default(10),
  // Live streams (SSE) one person may hold in one process: a few tabs. Load tests that sign many
  // tabs in as a handful of demo users raise it; a real team never needs to.
  LIVE_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(12),
  // Reverse proxies in front of the app that append to X-Forwarded-For (0: trust none, use the socket).
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  // Where this app is reachable (links in messages, the fake's webhook target). Unset: NEXTAUTH_URL,
  // else http://localhost:$PORT (with a warning at start).
  APP_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Demo mode is explicit: the built-in fake WhatsApp, the customer simulator and demo logins.
  SPORTELLO_DEMO: z.enum(["1", "true", "0", "false"]).optional(),
  MEDIA_DIR: z.string().default("./data/media"),
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/).optional(),
  // The number's WhatsApp Business account: where its message templates live.
  WHATSAPP_WABA_ID: z.string().regex(/^\d+$/).optional(),
  WHATSAPP_GRAPH_URL: z.string().url().default("https://graph.facebook.com"),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default("v26.0"),
  // Payments: the key pay links are derived with and the sandbox provider's webhook signing
  // secret. Unset: derived from the auth secret (fine for demos; set both in production).
  PAYMENTS_LINK_SECRET: z.string().min(16).optional(),
  PAYMENTS_SANDBOX_WEBHOOK_SECRET: z.string().min(16).optional(),
  // Stripe: offered only when both are set. STRIPE_API_URL points the SDK elsewhere (tests' fake).
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  STRIPE_API_URL: z.string().url().optional(),
});

export type Env = z.infer<typeof schema>;

const checked = schema.superRefine((env, ctx) => {
  if (env.SPORTELLO_ROLE !== "all" && !env.DATABASE_URL) {
    ctx.addIssue({ code: "custom", path: ["SPORTELLO_ROLE"], message: "web and worker processes share a PostgreSQL server: set DATABASE_URL (the embedded database runs in one process, role all)." });
  }
});

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  // `FOO=` in a shell or an .env file means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = checked.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

const DEV_SECRET = "sportello-development-secret-not-for-production";

/** The JWT secret; production refuses to run without a real one. */
export function getAuthSecret(): string {
  const env = getEnv();
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (env.NODE_ENV === "production" && !isBuildPhase()) {
    throw new Error("NEXTAUTH_SECRET must be set (16+ characters) when running in production.");
  }
  return DEV_SECRET;
}

export type ProcessRole = Env["SPORTELLO_ROLE"];

/** all (one process does everything), web (answers, stores webhooks) or worker (processes them). */
export function getProcessRole(): ProcessRole {
  return getEnv().SPORTELLO_ROLE;
}

export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

/** Whether this process should run background work (job worker, realtime listener). */
export function isRuntime(): boolean {
  return !isBuildPhase();
}

export const DEMO_PHONE_NUMBER_ID = "106540352242922";

let warnedAppUrl = false;

/** Where this app is reachable: APP_URL, else NEXTAUTH_URL, else localhost on the listening port. */
export function getAppUrl(): string {
  const env = getEnv();
  const url = env.APP_URL ?? env.NEXTAUTH_URL;
  if (url) return url.replace(/\/+$/, "");
  if (env.NODE_ENV === "production" && !isBuildPhase() && !warnedAppUrl) {
    warnedAppUrl = true;
    console.warn(`[sportello] APP_URL is not set: using http://localhost:${env.PORT ?? 3000}. Set APP_URL to the address people and Meta reach this app at.`);
  }
  return `http://localhost:${env.PORT ?? 3000}`;
}

/** Demo mode: only when asked for (npm run demo sets SPORTELLO_DEMO=1). */
export function isDemoMode(): boolean {
  const v = getEnv().SPORTELLO_DEMO;
  return v === "1" || v === "true";
}

/** demo: the built-in fake; live: a real number; unconfigured: neither yet (an admin connects one). */
export type WhatsAppMode = "demo" | "live" | "unconfigured";

export type WhatsAppConfig = {
  mode: WhatsAppMode;
  /** The app talks to the built-in fake Graph API (explicit demo mode). */
  demo: boolean;
  appSecret: string;
  verifyToken: string;
  accessToken: string;
  phoneNumberId: string;
  graphUrl: string;
  apiVersion: string;
};

/** WhatsApp settings; secrets stay on the server (never import this from client code). */
export function getWhatsAppConfig(): WhatsAppConfig {
  const env = getEnv();
  const demo = isDemoMode();
  if (demo && env.WHATSAPP_ACCESS_TOKEN) {
    throw new Error("SPORTELLO_DEMO and WHATSAPP_ACCESS_TOKEN are both set: a demo never talks to a real number. Unset one of them.");
  }
  const mode: WhatsAppMode = demo ? "demo" : env.WHATSAPP_ACCESS_TOKEN ? "live" : "unconfigured";
  if (mode === "live" && !env.WHATSAPP_APP_SECRET) {
    throw new Error("WHATSAPP_APP_SECRET must be set when WHATSAPP_ACCESS_TOKEN is: webhooks cannot be verified without it.");
  }
  // Unconfigured: no secret at all, so no webhook verifies and nothing is sent (the outbox says why).
  const fallback = (demoValue: string) => (demo ? demoValue : "");
  return {
    mode,
    demo,
    appSecret: env.WHATSAPP_APP_SECRET ?? fallback("sportello-demo-app-secret"),
    verifyToken: env.WHATSAPP_VERIFY_TOKEN ?? fallback("sportello-demo-verify-token"),
    accessToken: env.WHATSAPP_ACCESS_TOKEN ?? fallback("sportello-demo-access-token"),
    phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID ?? (demo ? DEMO_PHONE_NUMBER_ID : ""),
    // In demo mode sends go to the fake mounted inside this app.
    graphUrl: demo && env.WHATSAPP_GRAPH_URL === "https://graph.facebook.com" ? `${getAppUrl()}/api/fake-graph` : env.WHATSAPP_GRAPH_URL,
    apiVersion: env.WHATSAPP_API_VERSION,
  };
}

/**
 * What the settings page may show about the WhatsApp connection: whether each secret is set,
 * never its value, and where Meta must send webhooks.
 */
export function describeWhatsAppConnection() {
  const env = getEnv();
  let problem: string | null = null;
  let cfg: Pick<WhatsAppConfig, "mode" | "graphUrl" | "apiVersion" | "phoneNumberId">;
  try {
    cfg = getWhatsAppConfig();
  } catch (err) {
    // A half-configured live connection: say what is wrong instead of failing the page.
    problem = err instanceof Error ? err.message : String(err);
    cfg = { mode: "live", graphUrl: env.WHATSAPP_GRAPH_URL, apiVersion: env.WHATSAPP_API_VERSION, phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID ?? "" };
  }
  return {
    mode: cfg.mode,
    problem,
    graphHost: new URL(cfg.graphUrl).host,
    apiVersion: cfg.apiVersion,
    webhookUrl: `${getAppUrl()}/api/webhooks/whatsapp`,
    defaultPhoneNumberId: cfg.phoneNumberId,
    secrets: {
      appSecret: !!env.WHATSAPP_APP_SECRET,
      verifyToken: !!env.WHATSAPP_VERIFY_TOKEN,
      accessToken: !!env.WHATSAPP_ACCESS_TOKEN,
    },
  };
}

export type WhatsAppConnection = ReturnType<typeof describeWhatsAppConnection>;

/** Secrets of lib/payments: pay-link derivation and the sandbox webhook's HMAC key. */
export function getPaymentSecrets(): { linkSecret: string; sandboxWebhookSecret: string } {
  const env = getEnv();
  const base = getAuthSecret();
  return {
    linkSecret: env.PAYMENTS_LINK_SECRET ?? `${base}:payments-link`,
    sandboxWebhookSecret: env.PAYMENTS_SANDBOX_WEBHOOK_SECRET ?? `${base}:payments-sandbox-webhook`,
  };
}

export type StripeConfig = { secretKey: string; webhookSecret: string; apiUrl: string | null };

/** Stripe's configuration, or null when it is not set up (then Stripe is simply not offered). */
export function getStripeConfig(): StripeConfig | null {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return null;
  return { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL ?? null };
}
