import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { en } from "@/messages";
import { it as it_ } from "@/messages";
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
];

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
