import { parseWith, publicRoute, readJson } from "@/lib/http/route";
import { payWithSandbox } from "@/lib/messages/payment-request-reply";
import { sandboxCardSchema } from "@/lib/payments/schemas";

export const dynamic = "force-dynamic";

// The hosted page's sandbox card form: public, token-authenticated, rate limited per link.
// 200 with { outcome: paid | declined | failed, failure, payment }; a declined card stays pending.
export const POST = publicRoute<{ token: string }>(async ({ db, params, req }) => {
  const card = parseWith(sandboxCardSchema, await readJson(req));
  return payWithSandbox(db, { token: params.token, card });
});
