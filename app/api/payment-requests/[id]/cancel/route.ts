import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { cancelPaymentRequest } from "@/lib/payments/cancel";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a payment request id.") });

export const POST = apiRoute<{ id: string }>("payment:cancel", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return cancelPaymentRequest(db, { actor, id });
});
