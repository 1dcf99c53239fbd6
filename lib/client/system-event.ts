import type { MessageDto } from "./types";
import { csatLevel } from "@/lib/content/csat";

// A system event in a thread ("Marco assigned this conversation to Giulia") is stored with its
// data in `payload` and an English `text`. The client says it from the data, in the user's
// language; the stored text is only the last resort when a name cannot be found.

/** The `events` catalog namespace (next-intl's translator, or createTranslator's in tests). */
export type EventWords = (
  key:
    | "assigned"
    | "took"
    | "unassigned"
    | "autoAssigned"
    | "returnedToQueue"
    | "statusChanged"
    | "reopened"
    | "snoozeEnded"
    | "teamRemoved"
    | "teamMoved"
    | "labelsAdded"
    | "labelsRemoved"
    | "labelsChanged"
    | "paymentRequested"
    | "paymentPaid"
    | "paymentPaidByCustomer"
    | "paymentCancelled"
    | "paymentExpired"
    | "paymentRefunded"
    | "paymentRefundedElsewhere"
    | "paymentRefundRequested"
    | "paymentRefundDeclined"
    | "csatRequested"
    | "csatRated",
  values?: Record<string, string>,
) => string;

/** Names the client already knows (the teammates and teams queries), and money in the reader's language. */
export type EventLookups = {
  userName: (id: string) => string | undefined;
  teamName: (id: string) => string | undefined;
  /** An amount in minor units of `currency` ("€90.00" / "90,00 €"); without it the stored English rendering is used. */
  money?: (minor: number, currency: string) => string;
};

const STATUSES = new Set(["open", "pending", "snoozed", "resolved"]);

type Payload = Record<string, unknown>;

const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** An id field: a string, null (nobody / no team), or undefined when absent or malformed. */
function idOrNull(p: Payload, ...keys: string[]): string | null | undefined {
  for (const k of keys) {
    if (!(k in p)) continue;
    const v = p[k];
    if (v === null) return null;
    return nonEmpty(v);
  }
  return undefined;
}

function nameOf(id: string | null | undefined, given: unknown, lookup: (id: string) => string | undefined): string | undefined {
  return nonEmpty(given) ?? (id ? lookup(id) : undefined);
}

/** What a `kind: "event"` message says; any other message's own text. */
export function systemEventText(m: Pick<MessageDto, "kind" | "text" | "payload">, t: EventWords, lookups: EventLookups): string {
  const fallback = m.text ?? "";
  const p: Payload = m.kind === "event" && m.payload && typeof m.payload === "object" ? m.payload : {};
  // Events written before the payload settled on by/to (the demo seed's actorId/assigneeId) read the same.
  const by = idOrNull(p, "by", "actorId");
  const byName = nameOf(by, p.byName ?? p.actorName, lookups.userName);

  switch (p.action) {
    case "assigned": {
      const to = idOrNull(p, "to", "assigneeId");
      if (to === undefined) return fallback;
      if (to === null && p.queued === true && byName && nonEmpty(p.team)) return t("returnedToQueue", { by: byName, team: p.team as string });
      if (to === null) return byName ? t("unassigned", { by: byName }) : fallback;
      const toName = nameOf(to, p.toName ?? p.assigneeName, lookups.userName);
      if (p.auto === true && !by) return toName ? t("autoAssigned", { to: toName }) : fallback;
      if (to === by) return byName ? t("took", { by: byName }) : fallback;
      return byName && toName ? t("assigned", { by: byName, to: toName }) : fallback;
    }
    case "status_changed": {
      if (by === null && p.from === "snoozed") return t("snoozeEnded");
      if (!byName) return fallback;
      if (p.from === "resolved" && p.to === "open") return t("reopened", { by: byName });
      return typeof p.to === "string" && STATUSES.has(p.to) ? t("statusChanged", { by: byName, status: p.to }) : fallback;
    }
    case "team_changed": {
      const to = idOrNull(p, "to");
      if (to === undefined || !byName) return fallback;
      if (to === null) return t("teamRemoved", { by: byName });
      const team = nameOf(to, p.toName, lookups.teamName);
      return team ? t("teamMoved", { by: byName, team }) : fallback;
    }
    case "labels_changed": {
      const names = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.length > 0) : []);
      const added = names(p.added).join(", ");
      const removed = names(p.removed).join(", ");
      if (!byName || (!added && !removed)) return fallback;
      if (added && removed) return t("labelsChanged", { by: byName, added, removed });
      return added ? t("labelsAdded", { by: byName, labels: added }) : t("labelsRemoved", { by: byName, labels: removed });
    }
    case "csat_requested":
      return t("csatRequested");
    case "csat_rated": {
      const rating = typeof p.rating === "number" && Number.isInteger(p.rating) && p.rating >= 1 && p.rating <= 5 ? p.rating : null;
      const name = nonEmpty(p.byName);
      return rating && name ? t("csatRated", { name, level: csatLevel(rating), rating: String(rating) }) : fallback;
    }
    case "payment_changed":
      return paymentEventText(p, by, byName, t, lookups, fallback);
    default:
      return fallback;
  }
}

/** A payment request moved: who paid, cancelled, refunded or asked to refund how much of which request. */
function paymentEventText(p: Payload, by: string | null | undefined, byName: string | undefined, t: EventWords, lookups: EventLookups, fallback: string): string {
  const reference = nonEmpty(p.reference);
  if (!reference) return fallback;
  const amount =
    typeof p.amount === "number" && typeof p.currency === "string" && lookups.money ? lookups.money(p.amount, p.currency) : (nonEmpty(p.amountText) ?? undefined);
  if (!amount) return fallback;
  const v = { reference, amount };
  switch (p.status) {
    case "pending":
      return byName ? t("paymentRequested", { ...v, by: byName }) : fallback;
    case "paid":
      // `by` is null for the customer; `byName` then holds their name.
      return byName ? t("paymentPaid", { ...v, name: byName }) : t("paymentPaidByCustomer", v);
    case "cancelled":
      return byName ? t("paymentCancelled", { ...v, by: byName }) : fallback;
    case "expired":
      return t("paymentExpired", v);
    case "refunded":
    case "partially_refunded":
      if (by === null) return t("paymentRefundedElsewhere", v);
      return byName ? t("paymentRefunded", { ...v, by: byName }) : fallback;
    case "refund_requested":
      return byName ? t("paymentRefundRequested", { ...v, by: byName }) : fallback;
    case "refund_declined":
      return byName ? t("paymentRefundDeclined", { ...v, by: byName }) : fallback;
    default:
      return fallback;
  }
}
