import "server-only";
import { describeError } from "@/lib/errors/app-error";
import { configureDefaultChannel } from "@/lib/channels/startup";
import { snoozeJobs, viewCountJobs } from "@/lib/conversations/jobs";
import { startWebhookProcessor, stopWebhookProcessor } from "@/lib/ingest/processor";
import { getProcessRole } from "@/lib/env";
import { createAppNodeWebhookHandler } from "@/lib/ingest/webhook-endpoint";
import { createNodeReadHandler } from "@/lib/http/read-route";
import { HOT_READ_ROUTES } from "./hot-read-routes";
import { getJobs, registerJobModules, stopJobs } from "@/lib/jobs/boss";
import { outboxJobs } from "@/lib/messages/jobs";
import { syncTemplatesAtStart } from "@/lib/templates/startup";
import { paymentJobs } from "@/lib/payments/jobs";
import { assignmentJobs } from "@/lib/assignment/jobs";
import { reportJobs } from "@/lib/reports/jobs";

// The composition root of a serving process: which domains run background work here. A new
// domain with jobs adds its JobModule to this list, and nothing else in lib/jobs changes.
const errorText = describeError;

export function startBackgroundWork(): void {
  registerJobModules([outboxJobs, snoozeJobs, viewCountJobs, paymentJobs, assignmentJobs, reportJobs]);
  // Inbound WhatsApp: process webhooks stored before a crash or restart, then poll as a safety net.
  // A web process leaves that to the worker processes and wakes them after each store.
  const role = getProcessRole();
  if (role !== "web") startWebhookProcessor({ listen: role === "worker" });
  // What server.mjs calls on SIGTERM in a worker, which has no HTTP server to drain: jobs in hand
  // finish (pg-boss's graceful stop), the processor and its LISTEN stop.
  (globalThis as { __sportelloStopBackground?: () => Promise<void> }).__sportelloStopBackground = async () => {
    await stopWebhookProcessor();
    await stopJobs();
  };
  // server.mjs's lean paths: the webhook POST (the same storage and processing) and the inbox's
  // hottest reads (the same route definitions as their route files), without Next's router.
  (globalThis as { __sportelloHotPaths?: unknown }).__sportelloHotPaths = {
    webhookPost: createAppNodeWebhookHandler(),
    apiGet: createNodeReadHandler(HOT_READ_ROUTES),
  };
  // The number configured in the environment gets its channel (and, live, its profile from Meta).
  void configureDefaultChannel().catch((err) => console.error("[sportello] could not configure the WhatsApp channel:", errorText(err)));
  // Templates as Meta has them (the status, quality and category webhooks keep them current).
  void syncTemplatesAtStart().catch((err) => console.error("[sportello] could not sync templates:", errorText(err)));
  // pg-boss with the registered workers and sweepers. A failure must not stop the server: replies
  // stay queued and the next enqueue retries the start.
  void getJobs().catch((err) => console.error("[sportello] background jobs did not start:", errorText(err)));
}
