import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { declineRefund } from "@/lib/payments/refunds";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().uuid("Not a payment request id."), refundId: z.string().uuid("Not a refund id.") });

export const POST = apiRoute<{ id: string; refundId: string }>("payment:approve_refund", async ({ actor, db, params: raw }) => {
  const { id, refundId } = parseWith(params, raw);
  return declineRefund(db, { actor, id, refundId });
});
