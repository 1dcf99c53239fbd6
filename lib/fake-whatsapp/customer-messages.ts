// The customer side of the fake: what a phone would make Meta send us when the customer writes.
import { createHash } from "node:crypto";

export type FakeMedia = { id: string; mimeType: string; bytes: Uint8Array; sha256: string; filename?: string };

export type CustomerMessageInput = {
  profileName?: string;
  /** The customer's business-scoped user id (BSUID) when the URL names them by phone: both travel. */
  userId?: string;
  /** The customer's WhatsApp username (`contacts[].profile.username`). */
  username?: string;
  type?: string;
  text?: string | { body?: string };
  /** { button_reply: {id, title} } or { list_reply: {id, title, description?} } */
  interactive?: Record<string, unknown>;
  button?: { payload?: string; text?: string };
  reaction?: { message_id?: string; emoji?: string };
  location?: { latitude: number; longitude: number; name?: string; address?: string; url?: string };
  /** image / video / audio / sticker / document: optional caption, filename, mimeType, base64 data. */
  media?: { caption?: string; filename?: string; mimeType?: string; data?: string };
  /** The wamid of our message this one replies to (quoted). */
  contextId?: string;
  /** type "edit": the customer edits one of their text messages (within 15 minutes). */
  edit?: { original_message_id?: string; text?: string };
  /** type "revoke": the customer deletes one of their messages (within 2 days). */
  revoke?: { original_message_id?: string };
  /** type "unsupported": what the phone sent that the Cloud API cannot deliver (poll, view-once…). */
  unsupported?: { type?: string };
  /** The customer arrived from a click-to-WhatsApp ad: `true` for a demo ad, or its fields. */
  referral?: true | Partial<Referral>;
};

export type Referral = {
  source_url: string;
  source_id: string;
  source_type: "ad" | "post";
  headline: string;
  body: string;
  media_type: "image" | "video";
  image_url?: string;
  video_url?: string;
  thumbnail_url?: string;
  ctwa_clid: string;
};

export const DEMO_REFERRAL: Omit<Referral, "ctwa_clid"> = {
  source_url: "https://fb.me/3Hv9xQ2aL",
  source_id: "120208491755310577",
  source_type: "ad",
  headline: "Voli per Lisbona da 39 €",
  body: "Prenota entro domenica: bagaglio a mano incluso.",
  media_type: "image",
  image_url: "https://scontent.xx.fbcdn.net/v/t45.1600-4/lisbona-ad.jpg",
};

/** Who is writing, as Meta names them: `from` only when the phone is shown, `from_user_id` when known. */
export type Sender = { waId: string | null; userId: string | null };

export class CustomerInputError extends Error {}

const MEDIA_TYPES = new Set(["image", "video", "audio", "sticker", "document"]);
const DEFAULT_MIME: Record<string, string> = { image: "image/png", video: "video/mp4", audio: "audio/ogg", sticker: "image/webp", document: "application/pdf" };

// A 1×1 transparent PNG and a one-page PDF: real files a browser can render.
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const TINY_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function placeholderBytes(mimeType: string): Uint8Array {
  if (mimeType === "image/png") return TINY_PNG;
  if (mimeType === "application/pdf") return TINY_PDF;
  return Buffer.from(`fake ${mimeType} content`);
}

export function makeMedia(id: string, type: string, input: CustomerMessageInput["media"]): FakeMedia {
  const mimeType = input?.mimeType ?? DEFAULT_MIME[type] ?? "application/octet-stream";
  const bytes = input?.data ? Buffer.from(input.data, "base64") : placeholderBytes(mimeType);
  const sha256 = createHash("sha256").update(bytes).digest("base64");
  return { id, mimeType, bytes, sha256, ...(input?.filename ? { filename: input.filename } : {}) };
}

/**
 * Builds the `messages[]` element Meta would deliver. `newMedia` is called for media types and
 * must store the file so GET /{version}/{media-id} can serve it.
 */
export function buildCustomerMessage(
  sender: Sender,
  wamid: string,
  at: number,
  input: CustomerMessageInput,
  businessNumber: string,
  newMedia: (type: string) => FakeMedia,
): Record<string, unknown> {
  const type = input.type ?? (input.text !== undefined ? "text" : "");
  const msg: Record<string, unknown> = {
    ...(sender.waId ? { from: sender.waId } : {}),
    ...(sender.userId ? { from_user_id: sender.userId } : {}),
    id: wamid,
    timestamp: String(Math.floor(at / 1000)),
    type,
  };
  if (input.contextId) msg.context = { from: businessNumber, id: input.contextId };
  if (input.referral) {
    const r = input.referral === true ? {} : input.referral;
    msg.referral = { ...DEMO_REFERRAL, ...r, ctwa_clid: r.ctwa_clid ?? `ARA${createHash("sha256").update(wamid).digest("base64url").slice(0, 40)}` };
  }
  if (type === "edit") {
    const original = input.edit?.original_message_id;
    const body = input.edit?.text;
    if (!original || !body) throw new CustomerInputError("An edit needs `edit.original_message_id` and `edit.text`.");
    msg.edit = { original_message_id: original, message: { type: "text", text: { body } } };
  } else if (type === "revoke") {
    const original = input.revoke?.original_message_id;
    if (!original) throw new CustomerInputError("A revoke needs `revoke.original_message_id`.");
    msg.revoke = { original_message_id: original };
  } else if (type === "request_welcome") {
    // No body: the customer opened the chat for the first time.
  } else if (type === "unsupported") {
    msg.unsupported = { type: input.unsupported?.type ?? "poll_creation" };
    msg.errors = [{ code: 131051, title: "Message type unknown", message: "Message type unknown", error_data: { details: "Message type is currently not supported." } }];
  } else if (type === "text") {
    const body = typeof input.text === "string" ? input.text : input.text?.body;
    if (!body) throw new CustomerInputError("A text message needs `text`.");
    msg.text = { body };
  } else if (type === "interactive") {
    const i = input.interactive ?? {};
    if (i.button_reply) msg.interactive = { type: "button_reply", button_reply: i.button_reply };
    else if (i.list_reply) msg.interactive = { type: "list_reply", list_reply: i.list_reply };
    else if (i.nfm_reply && typeof i.nfm_reply === "object") {
      // A Flow's answers: Meta sends them as a JSON *string*.
      const n = i.nfm_reply as { name?: unknown; body?: unknown; response_json?: unknown };
      if (n.response_json === undefined || n.response_json === null) throw new CustomerInputError("A Flow answer needs `interactive.nfm_reply.response_json`.");
      const responseJson = typeof n.response_json === "string" ? n.response_json : JSON.stringify(n.response_json);
      msg.interactive = { type: "nfm_reply", nfm_reply: { name: n.name === "address_message" ? "address_message" : "flow", body: typeof n.body === "string" ? n.body : "Sent", response_json: responseJson } };
    } else throw new CustomerInputError("An interactive reply needs `interactive.button_reply`, `interactive.list_reply` or `interactive.nfm_reply`.");
  } else if (type === "button") {
    if (!input.button?.text) throw new CustomerInputError("A template button tap needs `button.text`.");
    msg.button = { payload: input.button.payload ?? input.button.text, text: input.button.text };
  } else if (type === "reaction") {
    if (!input.reaction?.message_id) throw new CustomerInputError("A reaction needs `reaction.message_id`.");
    msg.reaction = { message_id: input.reaction.message_id, emoji: input.reaction.emoji ?? "" };
  } else if (type === "location") {
    const l = input.location;
    if (!l || typeof l.latitude !== "number" || typeof l.longitude !== "number") throw new CustomerInputError("A location needs `location.latitude` and `location.longitude`.");
    msg.location = l;
  } else if (MEDIA_TYPES.has(type)) {
    const media = newMedia(type);
    msg[type] = {
      ...(input.media?.caption && type !== "audio" && type !== "sticker" ? { caption: input.media.caption } : {}),
      ...(type === "document" ? { filename: media.filename ?? "document.pdf" } : {}),
      mime_type: media.mimeType,
      sha256: media.sha256,
      id: media.id,
    };
  } else {
    throw new CustomerInputError("`type` must be text, interactive, button, reaction, location, image, video, audio, sticker, document, edit, revoke, request_welcome or unsupported.");
  }
  return msg;
}
