import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db/types";
import { insertPaymentEvent } from "./card";
import { toPaymentRequestDto, type PaymentRequestDto } from "./dto";
import { lockRequestRow } from "./queries";
import { applyTransition } from "./transitions";

/** POST /api/payment-requests/:id/cancel: only a pending request; anything else is a 409. */
export async function cancelPaymentRequest(db: Db, { actor, id, now = new Date() }: { actor: Actor; id: string; now?: Date }): Promise<PaymentRequestDto> {
  return db.transaction(async (tx) => {
    const locked = await lockRequestRow(tx, { workspaceId: actor.workspaceId, id });
    const { row } = await applyTransition(tx, locked, { type: "cancel", at: now }, { now, extra: { cancelledBy: actor.userId } });
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      conversationId: row.conversationId,
      action: "payment.cancelled",
      data: { paymentRequestId: row.id, reference: row.reference, currency: row.currency, amountTotal: row.amountTotal },
    });
    await insertPaymentEvent(tx, row, { by: actor.userId, byName: actor.name, status: "cancelled", amount: row.amountTotal, at: now });
    return toPaymentRequestDto(row);
  });
}
