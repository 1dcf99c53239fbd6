import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { en } from "@/messages";
import { it as it_ } from "@/messages";
import { formatMoney } from "./money";
import { systemEventText, type EventLookups, type EventWords } from "./system-event";

const words = (locale: "en" | "it"): EventWords => {
  const t = createTranslator({ locale, messages: locale === "en" ? en : it_, namespace: "events" });
  return (key, values) => t(key, values as never);
};

const USERS: Record<string, string> = { marco: "Marco Ricci", giulia: "Giulia Romano" };
const TEAMS: Record<string, string> = { payments: "Payments" };
const lookups: EventLookups = { userName: (id) => USERS[id], teamName: (id) => TEAMS[id] };
const nobody: EventLookups = { userName: () => undefined, teamName: () => undefined };

const event = (payload: Record<string, unknown>, text = "stored English text") => ({ kind: "event", text, payload });

type Case = [name: string, payload: Record<string, unknown>, en: string, it: string];

const CASES: Case[] = [
  ["assigned to someone else", { action: "assigned", by: "marco", from: null, to: "giulia" }, "Marco Ricci assigned this conversation to Giulia Romano", "Marco Ricci ha assegnato questa conversazione a Giulia Romano"],
  ["taken by oneself", { action: "assigned", by: "giulia", from: null, to: "giulia" }, "Giulia Romano took this conversation", "Giulia Romano ha preso in carico questa conversazione"],
  ["unassigned", { action: "assigned", by: "giulia", from: "giulia", to: null }, "Giulia Romano unassigned this conversation", "Giulia Romano ha rimosso l’assegnazione di questa conversazione"],
  ["assigned automatically", { action: "assigned", by: null, from: null, to: "giulia", auto: true }, "Assigned automatically to Giulia Romano", "Assegnata automaticamente a Giulia Romano"],
  ["returned to the queue", { action: "assigned", by: "marco", from: "giulia", to: null, queued: true, team: "Bookings" }, "Marco Ricci returned this to the Bookings queue", "Marco Ricci ha rimesso questa conversazione nella coda Bookings"],
  ["marked pending", { action: "status_changed", by: "marco", from: "open", to: "pending" }, "Marco Ricci marked this pending", "Marco Ricci ha segnato questa conversazione come in attesa"],
  ["marked snoozed", { action: "status_changed", by: "marco", from: "open", to: "snoozed" }, "Marco Ricci marked this snoozed", "Marco Ricci ha segnato questa conversazione come posticipata"],
  ["marked resolved", { action: "status_changed", by: "marco", from: "pending", to: "resolved" }, "Marco Ricci marked this resolved", "Marco Ricci ha segnato questa conversazione come risolta"],
  ["marked open (not from resolved)", { action: "status_changed", by: "marco", from: "pending", to: "open" }, "Marco Ricci marked this open", "Marco Ricci ha segnato questa conversazione come aperta"],
  ["reopened", { action: "status_changed", by: "giulia", from: "resolved", to: "open" }, "Giulia Romano reopened", "Giulia Romano ha riaperto la conversazione"],
  ["snooze ended", { action: "status_changed", by: null, from: "snoozed", to: "open" }, "Snooze ended — the conversation is open again", "Posticipo terminato — la conversazione è di nuovo aperta"],
  ["team removed", { action: "team_changed", by: "marco", from: "payments", to: null }, "Marco Ricci removed the team", "Marco Ricci ha rimosso il team"],
  ["moved to a team", { action: "team_changed", by: "marco", from: null, to: "payments" }, "Marco Ricci moved this to Payments", "Marco Ricci ha spostato la conversazione nel team Payments"],
  ["a label added", { action: "labels_changed", by: "giulia", added: ["Refund"], removed: [] }, "Giulia Romano added the label Refund", "Giulia Romano ha aggiunto l'etichetta Refund"],
  ["a label removed", { action: "labels_changed", by: "giulia", added: [], removed: ["VIP"] }, "Giulia Romano removed the label VIP", "Giulia Romano ha tolto l'etichetta VIP"],
  ["labels added and removed", { action: "labels_changed", by: "marco", added: ["Refund", "Bags"], removed: ["VIP"] }, "Marco Ricci added Refund, Bags and removed VIP", "Marco Ricci ha aggiunto Refund, Bags e tolto VIP"],
  ["rating request sent", { action: "csat_requested", by: null, messageId: "m1" }, "Rating request sent", "Richiesta di valutazione inviata"],
  ["rated good", { action: "csat_rated", by: null, byName: "Marta Rossi", rating: 5 }, "Marta Rossi rated the conversation: Good (5/5)", "Marta Rossi ha valutato la conversazione: Ottimo (5/5)"],
  ["rated okay", { action: "csat_rated", by: null, byName: "Marta Rossi", rating: 3 }, "Marta Rossi rated the conversation: Okay (3/5)", "Marta Rossi ha valutato la conversazione: Nella media (3/5)"],
  ["rated poor", { action: "csat_rated", by: null, byName: "Marta Rossi", rating: 1 }, "Marta Rossi rated the conversation: Poor (1/5)", "Marta Rossi ha valutato la conversazione: Scarso (1/5)"],
];

const pay = (status: string, over: Record<string, unknown> = {}) => ({
  action: "payment_changed",
  by: "marco",
  paymentRequestId: "p1",
  reference: "PAY-7K2M9Q4T8D",
  status,
  amount: 9000,
  currency: "EUR",
  amountText: "€90.00",
  ...over,
});

const PAYMENT_CASES: Case[] = [
  ["paid by the customer", pay("paid", { by: null, byName: "Marta Rossi" }), "Marta Rossi paid €90.00 (PAY-7K2M9Q4T8D)", "Marta Rossi ha pagato 90,00 € (PAY-7K2M9Q4T8D)"],
  ["paid, no name", pay("paid", { by: null }), "The customer paid €90.00 (PAY-7K2M9Q4T8D)", "Il cliente ha pagato 90,00 € (PAY-7K2M9Q4T8D)"],
  ["cancelled", pay("cancelled"), "Marco Ricci cancelled the payment request PAY-7K2M9Q4T8D (€90.00)", "Marco Ricci ha annullato la richiesta di pagamento PAY-7K2M9Q4T8D (90,00 €)"],
  ["expired", pay("expired", { by: null }), "The payment request PAY-7K2M9Q4T8D (€90.00) expired unpaid", "La richiesta di pagamento PAY-7K2M9Q4T8D (90,00 €) è scaduta senza essere pagata"],
  ["refunded in part", pay("partially_refunded", { amount: 4000 }), "Marco Ricci refunded €40.00 of PAY-7K2M9Q4T8D", "Marco Ricci ha rimborsato 40,00 € di PAY-7K2M9Q4T8D"],
  ["refunded at the provider", pay("refunded", { by: null, amount: 1500, currency: "JPY" }), "JP¥1,500 of PAY-7K2M9Q4T8D was refunded at the payment provider", "1500 JPY di PAY-7K2M9Q4T8D è stato rimborsato presso il fornitore di pagamento"],
  ["refund asked by an agent", pay("refund_requested", { by: "giulia", amount: 4000 }), "Giulia Romano asked to refund €40.00 of PAY-7K2M9Q4T8D — waiting for a lead’s approval", "Giulia Romano ha chiesto di rimborsare 40,00 € di PAY-7K2M9Q4T8D — in attesa dell’approvazione di un responsabile"],
  ["refund declined", pay("refund_declined", { amount: 4000 }), "Marco Ricci declined the refund of €40.00 of PAY-7K2M9Q4T8D", "Marco Ricci ha rifiutato il rimborso di 40,00 € di PAY-7K2M9Q4T8D"],
];

describe("payment events, said from their data with the amount in the reader's language", () => {
  const withMoney = (locale: "en" | "it"): EventLookups => ({ ...lookups, money: (minor, currency) => formatMoney(minor, currency, locale).replace(/[\u00a0\u202f]/g, " ") });
  for (const [name, payload, textEn, textIt] of PAYMENT_CASES) {
    it(`${name}: en and it`, () => {
      expect(systemEventText(event(payload), words("en"), withMoney("en"))).toBe(textEn);
      expect(systemEventText(event(payload), words("it"), withMoney("it"))).toBe(textIt);
    });
  }
  it("uses the stored English amount without a formatter, and the stored text for an unknown status", () => {
    expect(systemEventText(event(pay("cancelled")), words("en"), lookups)).toBe("Marco Ricci cancelled the payment request PAY-7K2M9Q4T8D (€90.00)");
    expect(systemEventText(event(pay("disputed"), "Payment request PAY-7K2M9Q4T8D: disputed"), words("it"), lookups)).toBe("Payment request PAY-7K2M9Q4T8D: disputed");
  });
});

describe("system events, said from their data", () => {
  for (const [name, payload, textEn, textIt] of CASES) {
    it(`${name}: en and it`, () => {
      expect(systemEventText(event(payload), words("en"), lookups)).toBe(textEn);
      expect(systemEventText(event(payload), words("it"), lookups)).toBe(textIt);
    });
  }

  it("prefers the names stored with the event over the lookups (renamed or removed teammates)", () => {
    const m = event({ action: "assigned", by: "marco", byName: "Marco R.", from: null, to: "x-gone", toName: "Chiara Gallo" });
    expect(systemEventText(m, words("en"), lookups)).toBe("Marco R. assigned this conversation to Chiara Gallo");
    const team = event({ action: "team_changed", by: "x", byName: "Elena", from: null, to: "t-new", toName: "Bagagli" });
    expect(systemEventText(team, words("it"), nobody)).toBe("Elena ha spostato la conversazione nel team Bagagli");
  });

  it("falls back to the stored text when a name cannot be found", () => {
    const m = event({ action: "assigned", by: "marco", from: null, to: "unknown-user" }, "Marco Ricci assigned this conversation to Somebody");
    expect(systemEventText(m, words("it"), lookups)).toBe("Marco Ricci assigned this conversation to Somebody");
    const s = event({ action: "status_changed", by: "unknown", from: "open", to: "pending" }, "Someone marked this pending");
    expect(systemEventText(s, words("it"), lookups)).toBe("Someone marked this pending");
    const team = event({ action: "team_changed", by: "marco", from: null, to: "unknown-team" }, "Marco Ricci moved this to Old team");
    expect(systemEventText(team, words("en"), lookups)).toBe("Marco Ricci moved this to Old team");
  });

  it("falls back to the stored text for an unknown action, status or shape", () => {
    expect(systemEventText(event({ action: "merged", by: "marco" }, "merged"), words("it"), lookups)).toBe("merged");
    expect(systemEventText(event({ action: "status_changed", by: "marco", from: "open", to: "archived" }, "archived"), words("it"), lookups)).toBe("archived");
    expect(systemEventText(event({ action: "assigned", by: "marco" }, "no target"), words("it"), lookups)).toBe("no target");
    expect(systemEventText({ kind: "event", text: "no payload", payload: null }, words("it"), lookups)).toBe("no payload");
    expect(systemEventText({ kind: "note", text: "a note", payload: { action: "assigned", by: "marco", to: null } }, words("it"), lookups)).toBe("a note");
  });

  it("reads the demo seed's older payload (actorId / assigneeId) the same way", () => {
    const seeded = event({ action: "assigned", actorId: "m1", actorName: "Marco Ricci", assigneeId: "g1", assigneeName: "Giulia Romano", previousAssigneeId: null });
    expect(systemEventText(seeded, words("it"), nobody)).toBe("Marco Ricci ha assegnato questa conversazione a Giulia Romano");
  });
});
