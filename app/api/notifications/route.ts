import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";
import { listNotifications } from "@/lib/notifications/queries";
import { listNotificationsSchema } from "@/lib/notifications/schemas";

export const dynamic = "force-dynamic";

/** The signed-in user's notifications, newest first, with the unread count; `cursor` pages on. */
export const GET = apiRoute("notification:read", async ({ actor, db, req }) =>
  listNotifications(db, { actor, input: parseWith(listNotificationsSchema, searchParamsOf(req)) }),
);
