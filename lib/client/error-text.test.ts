import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { en } from "@/messages";
import { it as it_ } from "@/messages";
import { ApiError } from "./api";
import { errorText } from "./use-error-text";

const errors = (locale: "en" | "it") =>
  createTranslator({ locale, messages: locale === "en" ? en : it_, namespace: "errors", onError: () => undefined });

describe("errorText: API errors in the user's language", () => {
  it("says a known reason from the catalog, with its params", () => {
    const err = new ApiError(409, "conflict", "Chiara Gallo is deactivated and cannot take conversations.", { reason: "assign.teammate_deactivated", params: { name: "Chiara Gallo" } });
    expect(errorText(errors("it"), err)).toBe("L’account di Chiara Gallo è disattivato e non può prendere in carico conversazioni.");
    expect(errorText(errors("en"), err)).toBe("Chiara Gallo is deactivated and cannot take conversations.");
    const resolved = new ApiError(409, "conflict", "This conversation is resolved. Reopen it to retry.", { reason: "conversation.resolved", params: { doing: "retry" } });
    expect(errorText(errors("it"), resolved)).toBe("Questa conversazione è risolta. Riaprila per riprovare l’invio.");
    expect(errorText(errors("en"), resolved)).toBe("This conversation is resolved. Reopen it to retry.");
    const transition = new ApiError(409, "conflict", "A snoozed conversation cannot become pending.", { reason: "conversation.transition", params: { from: "snoozed", to: "pending" } });
    expect(errorText(errors("en"), transition)).toBe("A snoozed conversation cannot become pending.");
    expect(errorText(errors("it"), transition)).toBe("Una conversazione posticipata non può diventare in attesa.");
    const count = new ApiError(400, "validation_failed", "Fill in these 2 fields before sending: pnr, seat.", { reason: "template.missing_values", params: { count: 2, names: "pnr, seat" } });
    expect(errorText(errors("it"), count)).toBe("Compila questi 2 campi prima di inviare: pnr, seat.");
  });

  it("keeps the server's message for a reason the catalog does not know, or whose params do not fit", () => {
    const unknown = new ApiError(409, "conflict", "Something specific happened.", { reason: "conversation.merged" });
    expect(errorText(errors("it"), unknown)).toBe("Something specific happened.");
    const noParams = new ApiError(409, "conflict", "Server words.", { reason: "assign.teammate_deactivated" });
    expect(errorText(errors("it"), noParams)).toBe("Server words.");
    const plain = new ApiError(400, "validation_failed", "That teammate does not exist.");
    expect(errorText(errors("it"), plain)).toBe("That teammate does not exist.");
  });

  it("says network and generic failures from the catalog, and uses the caller's fallback for the rest", () => {
    expect(errorText(errors("it"), new ApiError(0, "network", "Could not reach Sportello.", { reason: "network" }))).toBe("Impossibile raggiungere Sportello. Controlla la connessione e riprova.");
    expect(errorText(errors("it"), new ApiError(500, "internal", "Something went wrong on our side. Please try again."))).toBe("Si è verificato un problema da parte nostra. Riprova.");
    expect(errorText(errors("it"), new ApiError(502, "internal", "", { reason: "http.internal" }))).toBe("Si è verificato un problema da parte nostra. Riprova.");
    expect(errorText(errors("it"), new Error("boom"), "La risposta non è stata inviata.")).toBe("La risposta non è stata inviata.");
    expect(errorText(errors("en"), "weird")).toBe("Something went wrong. Please try again.");
  });
});
