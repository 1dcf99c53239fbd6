import "server-only";
import type { JobModule } from "@/lib/jobs/boss";
import { getWhatsAppConfig } from "@/lib/env";
import { OUTBOX_QUEUES } from "./outbox-queues";
import { startOutboxWorkers } from "./outbox-worker";

/** The outbox's background work: send and mark-read workers, and the stranded-message sweeper. */
export const outboxJobs: JobModule = {
  name: "outbox",
  queues: OUTBOX_QUEUES,
  start: ({ boss, database }) =>
    startOutboxWorkers(boss, {
      db: database.db,
      getConfig: () => {
        const c = getWhatsAppConfig();
        return { accessToken: c.accessToken, graphUrl: c.graphUrl, apiVersion: c.apiVersion };
      },
    }),
};
