import "server-only";
import { defineReadRoute } from "@/lib/http/read-route";
import { parseWith } from "@/lib/http/route";
import { listPaymentRequests } from "./queries";
import { listPaymentRequestsSchema } from "./schemas";

// Served by the route file and by server.mjs's lean path (lib/http/read-route.ts), like the inbox's reads.

/** GET /api/payment-requests: a keyset page of the workspace's payment requests; the first page carries the totals. */
export const listPaymentRequestsRead = defineReadRoute({
  action: "payment:read",
  run: ({ actor, db, query }) => listPaymentRequests(db, { workspaceId: actor.workspaceId, input: parseWith(listPaymentRequestsSchema, query) }),
});
