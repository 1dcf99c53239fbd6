import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { markNotificationsRead } from "@/lib/notifications/queries";
import { markReadSchema } from "@/lib/notifications/schemas";

export const dynamic = "force-dynamic";

/** `{ ids }` or `{ all: true }`: marks the user's own notifications read; answers the unread count. */
export const POST = apiRoute("notification:read", async ({ actor, db, req }) =>
  markNotificationsRead(db, { actor, input: parseWith(markReadSchema, await readJson(req)) }),
);
