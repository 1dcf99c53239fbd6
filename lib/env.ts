import { z } from "zod";

// The only module that reads process.env. Parsed lazily so `next build` (which loads route
// modules) never needs runtime secrets.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default("./data/pglite"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_BACKOFF_AFTER: z.coerce.number().int().positive().default(10),
  // Reverse proxies in front of the app that append to X-Forwarded-For (0: trust none, use the socket).
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  // Where this app is reachable (links in messages, the fake's webhook target).
  APP_URL: z.string().url().default("http://localhost:3000"),
  MEDIA_DIR: z.string().default("./data/media"),
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/).optional(),
  WHATSAPP_GRAPH_URL: z.string().url().default("https://graph.facebook.com"),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/).default("v23.0"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  // `FOO=` in a shell or an .env file means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(present);
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

export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

/** Whether this process should run background work (job worker, realtime listener). */
export function isRuntime(): boolean {
  return !isBuildPhase();
}

export const DEMO_PHONE_NUMBER_ID = "106540352242922";

export type WhatsAppConfig = {
  /** No real access token: the app talks to the built-in fake Graph API. */
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
  const demo = !env.WHATSAPP_ACCESS_TOKEN;
  if (!demo && !env.WHATSAPP_APP_SECRET) {
    throw new Error("WHATSAPP_APP_SECRET must be set when WHATSAPP_ACCESS_TOKEN is: webhooks cannot be verified without it.");
  }
  return {
    demo,
    appSecret: env.WHATSAPP_APP_SECRET ?? "sportello-demo-app-secret",
    verifyToken: env.WHATSAPP_VERIFY_TOKEN ?? "sportello-demo-verify-token",
    accessToken: env.WHATSAPP_ACCESS_TOKEN ?? "sportello-demo-access-token",
    phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID ?? DEMO_PHONE_NUMBER_ID,
    // In demo mode sends go to the fake mounted inside this app.
    graphUrl: demo && env.WHATSAPP_GRAPH_URL === "https://graph.facebook.com" ? `${env.APP_URL}/api/fake-graph` : env.WHATSAPP_GRAPH_URL,
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
  let cfg: Pick<WhatsAppConfig, "demo" | "graphUrl" | "apiVersion" | "phoneNumberId">;
  try {
    cfg = getWhatsAppConfig();
  } catch (err) {
    // A half-configured live connection: say what is wrong instead of failing the page.
    problem = err instanceof Error ? err.message : String(err);
    cfg = { demo: false, graphUrl: env.WHATSAPP_GRAPH_URL, apiVersion: env.WHATSAPP_API_VERSION, phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID ?? DEMO_PHONE_NUMBER_ID };
  }
  return {
    mode: cfg.demo ? ("demo" as const) : ("live" as const),
    problem,
    graphHost: new URL(cfg.graphUrl).host,
    apiVersion: cfg.apiVersion,
    webhookUrl: `${env.APP_URL.replace(/\/+$/, "")}/api/webhooks/whatsapp`,
    defaultPhoneNumberId: cfg.phoneNumberId,
    secrets: {
      appSecret: !!env.WHATSAPP_APP_SECRET,
      verifyToken: !!env.WHATSAPP_VERIFY_TOKEN,
      accessToken: !!env.WHATSAPP_ACCESS_TOKEN,
    },
  };
}

export type WhatsAppConnection = ReturnType<typeof describeWhatsAppConnection>;
