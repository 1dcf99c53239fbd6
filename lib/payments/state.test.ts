import { describe, expect, it } from "vitest";
import { isPayable, PAYMENT_STATUSES, refundableAmount, transition, type PaymentEvent, type PaymentSnapshot, type PaymentStatus } from "./state";

const expiresAt = new Date("2026-06-01T12:00:00Z");
const before = new Date(expiresAt.getTime() - 1);
const after = new Date(expiresAt.getTime() + 1);

function snap(status: PaymentStatus, over: Partial<PaymentSnapshot> = {}): PaymentSnapshot {
  const paid = status === "paid" || status === "partially_refunded" || status === "refunded";
  const refunded = status === "refunded" ? 9000 : status === "partially_refunded" ? 1000 : 0;
  return { status, amountTotal: 9000, amountCaptured: paid ? 9000 : 0, amountRefunded: refunded, expiresAt, ...over };
}

// The whole table: every status × every event → the resulting status, or the reason it is refused.
const EVENTS: Record<string, PaymentEvent> = {
  capture: { type: "capture", amount: 9000, at: before },
  captureLate: { type: "capture", amount: 9000, at: after },
  decline: { type: "decline", at: before },
  expireDue: { type: "expire", at: expiresAt },
  expireEarly: { type: "expire", at: before },
  cancel: { type: "cancel", at: before },
  refundPart: { type: "refund", amount: 1000, at: before },
};

const TABLE: Record<PaymentStatus, Record<keyof typeof EVENTS, string>> = {
  pending: { capture: "paid", captureLate: "paid", decline: "pending", expireDue: "expired", expireEarly: "!payment.not_expired_yet", cancel: "cancelled", refundPart: "!payment.not_refundable" },
  paid: { capture: "!payment.already_paid", captureLate: "!payment.already_paid", decline: "!payment.already_paid", expireDue: "!payment.already_paid", expireEarly: "!payment.already_paid", cancel: "!payment.already_paid", refundPart: "partially_refunded" },
  expired: { capture: "paid", captureLate: "!payment.expired", decline: "!payment.expired", expireDue: "!payment.expired", expireEarly: "!payment.expired", cancel: "!payment.expired", refundPart: "!payment.not_refundable" },
  cancelled: { capture: "!payment.cancelled", captureLate: "!payment.cancelled", decline: "!payment.cancelled", expireDue: "!payment.cancelled", expireEarly: "!payment.cancelled", cancel: "!payment.cancelled", refundPart: "!payment.not_refundable" },
  partially_refunded: { capture: "!payment.already_paid", captureLate: "!payment.already_paid", decline: "!payment.already_paid", expireDue: "!payment.already_paid", expireEarly: "!payment.already_paid", cancel: "!payment.already_paid", refundPart: "partially_refunded" },
  refunded: { capture: "!payment.already_paid", captureLate: "!payment.already_paid", decline: "!payment.already_paid", expireDue: "!payment.already_paid", expireEarly: "!payment.already_paid", cancel: "!payment.already_paid", refundPart: "!payment.not_refundable" },
};

describe("transition: every status × every event", () => {
  for (const status of PAYMENT_STATUSES) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const want = TABLE[status][name as keyof typeof EVENTS]!;
      it(`${status} + ${name} → ${want}`, () => {
        const r = transition(snap(status), event);
        if (want.startsWith("!")) {
          expect(r.ok).toBe(false);
          if (!r.ok) {
            expect(r.reason).toBe(want.slice(1));
            expect(r.message.length).toBeGreaterThan(0);
          }
        } else {
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.next.status).toBe(want);
        }
      });
    }
  }
});

describe("transition details", () => {
  it("a payment and the expiry at the same instant end paid, whichever comes first", () => {
    const p = transition(snap("pending"), { type: "capture", amount: 9000, at: expiresAt });
    expect(p.ok && p.next.status).toBe("paid");
    const afterExpiry = transition(snap("expired"), { type: "capture", amount: 9000, at: expiresAt });
    expect(afterExpiry.ok && afterExpiry.next.status).toBe("paid");
    // The expiry arriving after the payment changes nothing.
    expect(transition(snap("paid"), { type: "expire", at: expiresAt }).ok).toBe(false);
  });

  it("captures only the requested amount", () => {
    const r = transition(snap("pending"), { type: "capture", amount: 8999, at: before });
    expect(r.ok ? null : r.reason).toBe("payment.amount_mismatch");
  });

  it("records the captured amount and a decline changes nothing", () => {
    const r = transition(snap("pending"), EVENTS.capture!);
    expect(r.ok && r.next.amountCaptured).toBe(9000);
    const d = transition(snap("pending"), EVENTS.decline!);
    expect(d.ok && d.changed).toBe(false);
  });

  it("refunds partially then fully, never more than captured minus refunded", () => {
    let s = snap("paid");
    const a = transition(s, { type: "refund", amount: 4000, at: before });
    expect(a.ok && a.next).toMatchObject({ status: "partially_refunded", amountRefunded: 4000 });
    s = (a.ok && a.next) as PaymentSnapshot;
    const tooMuch = transition(s, { type: "refund", amount: 5001, at: before });
    expect(tooMuch.ok ? null : tooMuch.reason).toBe("payment.refund_too_large");
    const rest = transition(s, { type: "refund", amount: 5000, at: before });
    expect(rest.ok && rest.next).toMatchObject({ status: "refunded", amountRefunded: 9000 });
    for (const amount of [0, -5, 1.5]) {
      const r = transition(snap("paid"), { type: "refund", amount, at: before });
      expect(r.ok ? null : r.reason).toBe("payment.refund_amount_invalid");
    }
  });

  it("says what is refundable and payable", () => {
    expect(refundableAmount(snap("paid"))).toBe(9000);
    expect(refundableAmount(snap("partially_refunded"))).toBe(8000);
    expect(refundableAmount(snap("refunded"))).toBe(0);
    expect(refundableAmount(snap("pending"))).toBe(0);
    expect(isPayable(snap("pending"), before)).toBe(true);
    expect(isPayable(snap("pending"), expiresAt)).toBe(false);
    expect(isPayable(snap("paid"), before)).toBe(false);
  });
});
