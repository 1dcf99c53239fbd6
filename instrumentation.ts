export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getAuthSecret } = await import("@/lib/env");
  try {
    getAuthSecret();
  } catch (err) {
    // Refuse to serve with a guessable JWT secret: fail the start, loudly.
    console.error(`[sportello] ${(err as Error).message}`);
    process.exit(1);
  }
  // Inbound WhatsApp: process webhooks stored before a crash or restart, then poll as a safety net.
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { startWebhookProcessor } = await import("@/lib/whatsapp/processor");
    startWebhookProcessor();
    // The lean webhook path for server.mjs: the same storage and processing, without Next's router.
    const { createAppNodeWebhookHandler } = await import("@/lib/whatsapp/webhook-http");
    (globalThis as { __sportelloHotPaths?: unknown }).__sportelloHotPaths = { webhookPost: createAppNodeWebhookHandler() };
    // Outbound WhatsApp: pg-boss (one per process) with the send/mark-read workers and the sweeper
    // that re-enqueues replies still `queued` from before a restart. A failure here must not stop
    // the server: replies stay queued and the next enqueue retries the start.
    // The number configured in the environment gets its channel (and, live, its profile from Meta).
    const { configureDefaultChannel } = await import("@/lib/channels/startup");
    void configureDefaultChannel().catch((err) => console.error("[sportello] could not configure the WhatsApp channel:", err instanceof Error ? err.message : err));
    const { getJobs } = await import("@/lib/jobs/boss");
    void getJobs().catch((err) => console.error("[sportello] background jobs did not start:", err instanceof Error ? err.message : err));
  }
}
