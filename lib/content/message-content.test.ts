import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { adReferral, asContent, mediaFilename, DELETED_PREVIEW, flowAnswers, messageSummary, previewOf, safeMediaUrl, stockPreview, unsupportedReason, type MessageContent } from "./message-content";

describe("message content", () => {
  it("loads only our own media endpoint for a stored file id", () => {
    expect(safeMediaUrl({ mediaUrl: "/api/media/0f8fad5b-d9cb-469f-a165-70867728950e" })).toBe("/api/media/0f8fad5b-d9cb-469f-a165-70867728950e");
    const pass = "/api/bookings/0f8fad5b-d9cb-469f-a165-70867728950e/boarding-pass?leg=0&passenger=1&format=pdf&locale=it";
    expect(safeMediaUrl({ mediaUrl: pass })).toBe(pass);
    for (const bad of [
      "https://evil.example/x.png", "/api/media/../../evil", "/api/media/x?u=https://evil", "//evil.example/api/media/0f8fad5b-d9cb-469f-a165-70867728950e",
      "/api/bookings/0f8fad5b-d9cb-469f-a165-70867728950e/boarding-pass?leg=0&passenger=1&format=pdf&next=https://evil", "/api/bookings/x/boarding-pass?leg=0&passenger=0&format=pdf",
    ]) {
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
    // A malformed webhook's document object (found by webhook-fuzz.test.ts): no name, no crash.
    expect(previewOf({ kind: "document", text: null, payload: { document: { filename: {} } } as never })).not.toContain("[object");
    expect(mediaFilename({ kind: "document", text: null, payload: { filename: 7, document: { filename: "b.pdf" } } as never })).toBe("b.pdf");
    expect(previewOf({ kind: "reaction", text: "👍", payload: { message_id: "w", emoji: "👍" } })).toBe("Reacted 👍");
    expect(previewOf({ kind: "template", text: "Gentile Giulia, il volo AZ1234…", payload: { template: { name: "t", language: { code: "it" } } } })).toBe("Gentile Giulia, il volo AZ1234…");
    expect(messageSummary({ kind: "document", text: "ecco", payload: { filename: "carta.pdf" } })).toBe("carta.pdf: ecco");
  });
});

describe("2026 shapes, read for the thread", () => {
  it("a Flow's answers as fields, without the flow token; nothing for a broken response_json", () => {
    const payload = { type: "nfm_reply", nfm_reply: { name: "flow", body: "Sent", response_json: '{"flow_token":"t","new_date":"2026-06-04","seat_preference":"window","passengers":2}' } };
    expect(flowAnswers(payload)).toEqual([
      { field: "new date", value: "2026-06-04" },
      { field: "seat preference", value: "window" },
      { field: "passengers", value: "2" },
    ]);
    expect(flowAnswers({ nfm_reply: { response_json: "{not json" } })).toBeNull();
  });

  it("an ad referral, with only https links kept", () => {
    expect(adReferral({ referral: { headline: "Voli per Lisbona", body: "Bagaglio incluso", source_type: "ad", source_url: "https://fb.me/x", image_url: "javascript:alert(1)", ctwa_clid: "AR1" } })).toEqual({
      headline: "Voli per Lisbona", body: "Bagaglio incluso", sourceType: "ad", sourceUrl: "https://fb.me/x", mediaUrl: null, mediaKind: null, clickId: "AR1",
    });
    expect(adReferral({ referral: { source_type: "ad", video_url: "https://cdn.example/ad.mp4", thumbnail_url: "https://cdn.example/t.jpg" } })).toMatchObject({ mediaUrl: "https://cdn.example/ad.mp4", mediaKind: "video" });
    expect(adReferral({})).toBeNull();
  });

  it("why a message is unsupported", () => {
    expect(unsupportedReason({ unsupported: { type: "poll_creation" }, errors: [{ code: 131051, title: "Message type unknown", error_data: { details: "Message type is currently not supported." } }] })).toEqual({
      type: "poll_creation", details: "Message type is currently not supported.", code: 131051,
    });
    expect(unsupportedReason({ originalType: "edit_poll" })).toEqual({ type: "edit_poll", details: null, code: null });
    expect(previewOf({ kind: "request_welcome", text: null, payload: {} })).toBe("Opened the chat");
  });
});

describe("stock previews, said in the reader's language", () => {
  const en = JSON.parse(readFileSync(join(process.cwd(), "messages/en.json"), "utf8")) as { preview: Record<string, string> };
  it("every fixed line previewOf stores has a catalog key; what a person wrote has none", () => {
    const empties = (["image", "video", "audio", "document", "sticker", "location", "contacts", "interactive", "button", "order", "system", "unsupported", "request_welcome", "text"] as const).map((kind) =>
      previewOf({ kind, text: null, payload: null } as MessageContent),
    );
    empties.push(previewOf({ kind: "audio", text: null, payload: { voice: true } } as MessageContent), DELETED_PREVIEW, "Removed a reaction");
    for (const line of empties) {
      const stock = stockPreview(line);
      expect(stock, line).not.toBeNull();
      // The English catalog says exactly what is stored (so the English list reads as before).
      expect(en.preview[stock!.key]!.replace("{emoji}", stock!.values?.emoji ?? ""), line).toBe(stock!.key === "system" ? "WhatsApp notice" : line);
    }
    expect(stockPreview("Reacted 👍")).toEqual({ key: "reacted", values: { emoji: "👍" } });
    expect(stockPreview("Photo of my passport")).toBeNull();
    expect(stockPreview("📷 Photo of the gate")).toBeNull();
  });
});
