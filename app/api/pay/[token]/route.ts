import { publicRoute } from "@/lib/http/route";
import { getPublicPaymentView } from "@/lib/payments/queries";

export const dynamic = "force-dynamic";

// The customer's pay page data: public, authenticated by the link's token (a wrong one is 404).
export const GET = publicRoute<{ token: string }>(async ({ db, params }) => getPublicPaymentView(db, { token: params.token }));
