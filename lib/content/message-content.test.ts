import { describe, expect, it } from "vitest";
import { asContent, messageSummary, previewOf, safeMediaUrl } from "./message-content";

describe("message content", () => {
  it("loads only our own media endpoint for a stored file id", () => {
    expect(safeMediaUrl({ mediaUrl: "/api/media/0f8fad5b-d9cb-469f-a165-70867728950e" })).toBe("/api/media/0f8fad5b-d9cb-469f-a165-70867728950e");
    for (const bad of ["https://evil.example/x.png", "/api/media/../../evil", "/api/media/x?u=https://evil", "//evil.example/api/media/0f8fad5b-d9cb-469f-a165-70867728950e"]) {
      expect(safeMediaUrl({ mediaUrl: bad })).toBeNull();
    }
  });

  it("a kind this build does not know reads as unsupported, keeping what it had", () => {
    expect(asContent({ kind: "hologram", text: "x", payload: { a: 1 } })).toEqual({ kind: "unsupported", text: "x", payload: { a: 1, originalType: "hologram" } });
  });

  it("one preview rule for every kind", () => {
    expect(previewOf({ kind: "text", text: "  Il volo\n è  confermato ", payload: null })).toBe("Il volo è confermato");
    expect(previewOf({ kind: "image", text: null, payload: { id: "m1" } })).toBe("📷 Photo");
    expect(previewOf({ kind: "audio", text: null, payload: { voice: true } })).toBe("🎤 Voice message");
    expect(previewOf({ kind: "document", text: null, payload: { filename: "carta.pdf" } })).toBe("📄 carta.pdf");
    expect(previewOf({ kind: "reaction", text: "👍", payload: { message_id: "w", emoji: "👍" } })).toBe("Reacted 👍");
    expect(previewOf({ kind: "template", text: "Gentile Giulia, il volo AZ1234…", payload: { template: { name: "t", language: { code: "it" } } } })).toBe("Gentile Giulia, il volo AZ1234…");
    expect(messageSummary({ kind: "document", text: "ecco", payload: { filename: "carta.pdf" } })).toBe("carta.pdf: ecco");
  });
});
