import { apiRoute } from "@/lib/http/route";
import { listWaitingRefunds } from "@/lib/payments/report";

export const dynamic = "force-dynamic";

// The refunds agents asked for that wait for a lead's or admin's decision, oldest first.
export const GET = apiRoute("payment:approve_refund", async ({ actor, db }) => listWaitingRefunds(db, { workspaceId: actor.workspaceId }));
