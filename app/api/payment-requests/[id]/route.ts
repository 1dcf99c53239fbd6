import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { getPaymentRequest } from "@/lib/payments/queries";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a payment request id.") });

export const GET = apiRoute<{ id: string }>("payment:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return getPaymentRequest(db, { workspaceId: actor.workspaceId, id });
});
