import type { contacts, conversations, messages } from "@/lib/db/schema";

// What 2026's WhatsApp brings, visible in the demo from the first sign-in: a customer known only
// by username (phone hidden by WhatsApp), a message the customer edited, and a customer who came
// from a click-to-WhatsApp ad, and one whose security code changed. Applied to the generated rows before they are written, choosing
// deterministically (same seed → same demo), and never the same conversation twice.

type ContactRow = typeof contacts.$inferInsert;
type ConversationRow = typeof conversations.$inferInsert;
type MessageRow = typeof messages.$inferInsert;

export const DEMO_AD_REFERRAL = {
  source_url: "https://fb.me/voloazzurro-estate",
  source_id: "120212345678901234",
  source_type: "ad",
  headline: "Sicilia da 49 € a tratta",
  body: "Voli diretti da Milano e Roma per Catania e Palermo. Bagaglio a mano incluso.",
  media_type: "image",
  image_url: "https://www.example.com/ads/sicilia-estate.jpg",
  ctwa_clid: "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0",
} as const;

function usernameFor(profileName: string | null | undefined): string {
  const first = (profileName ?? "cliente").split(/\s+/)[0]!.normalize("NFD").replace(/[^A-Za-z]/g, "").toLowerCase() || "cliente";
  return `${first}.in.viaggio`;
}

/** The earlier version of an edited message: the customer added the detail afterwards. */
function earlierVersion(text: string): string {
  const cut = Math.max(text.lastIndexOf(" ma "), text.lastIndexOf(", "), text.lastIndexOf(". "));
  if (cut > 20) return text.slice(0, cut);
  const words = text.split(" ");
  return words.length > 4 ? words.slice(0, -2).join(" ") : `${text}?`;
}

export function applyShowcase2026(rows: { contacts: ContactRow[]; conversations: ConversationRow[]; messages: MessageRow[] }): {
  usernameOnly?: string;
  edited?: string;
  fromAd?: string;
  identityChanged?: string;
} {
  const active = rows.conversations
    .filter((c) => c.status === "open" || c.status === "pending")
    .sort((a, b) => (b.lastMessageAt as Date).getTime() - (a.lastMessageAt as Date).getTime());
  const used = new Set<string>();
  const byConversation = (id: string) => rows.messages.filter((m) => m.conversationId === id).sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime());
  const inboundTexts = (id: string) => byConversation(id).filter((m) => m.direction === "inbound" && m.kind === "text" && (m.text ?? "").length > 30);
  const result: { usernameOnly?: string; edited?: string; fromAd?: string; identityChanged?: string } = {};

  // 1. A customer known only by username: WhatsApp withholds the phone, the BSUID identifies them.
  // Not the newest conversation: tests and tours start from the top of the list with a phone number.
  const forUsername = active.slice(3).find((c) => !used.has(c.contactId) && rows.conversations.filter((o) => o.contactId === c.contactId).length === 1);
  const contact = forUsername && rows.contacts.find((k) => k.id === forUsername.contactId);
  if (forUsername && contact) {
    used.add(contact.id!);
    const digits = (contact.waId ?? "").replace(/\D/g, "").padEnd(20, "7").slice(0, 20);
    Object.assign(contact, { waId: null, phone: null, bsuid: `IT.${digits}`, username: usernameFor(contact.profileName) });
    result.usernameOnly = forUsername.id;
  }

  // 2. An edited message (coexistence numbers: within 15 minutes, the earlier text in its history).
  const forEdit = active.slice(1).find((c) => !used.has(c.contactId) && inboundTexts(c.id!).length > 0);
  const edited = forEdit && inboundTexts(forEdit.id!).at(-1);
  if (forEdit && edited) {
    used.add(forEdit.contactId);
    const created = edited.createdAt as Date;
    edited.history = [{ text: earlierVersion(edited.text!), payload: edited.payload ?? null, at: created.toISOString() }];
    edited.editedAt = new Date(created.getTime() + 2 * 60_000);
    result.edited = forEdit.id;
  }

  // 3. A customer who arrived from a click-to-WhatsApp ad: the referral rides on their first message.
  const forAd = active.slice(5).find((c) => !used.has(c.contactId) && inboundTexts(c.id!).length > 0);
  const first = forAd && inboundTexts(forAd.id!)[0];
  if (forAd && first) {
    used.add(forAd.contactId);
    first.payload = { ...(first.payload ?? {}), referral: { ...DEMO_AD_REFERRAL } };
    result.fromAd = forAd.id;
  }

  // 4. A customer whose WhatsApp security code changed (a new phone?): a line in the thread, a
  // warning in the contact panel. Between their last two messages; it counts for nothing else.
  const forIdentity = active.slice(2).find((c) => !used.has(c.contactId) && inboundTexts(c.id!).length > 1);
  const person = forIdentity && rows.contacts.find((k) => k.id === forIdentity.contactId);
  const [before, after] = forIdentity ? inboundTexts(forIdentity.id!).slice(-2) : [];
  if (forIdentity && person && before && after) {
    used.add(person.id!);
    const at = new Date(((before.createdAt as Date).getTime() + (after.createdAt as Date).getTime()) / 2);
    rows.messages.push({
      ...before,
      id: crypto.randomUUID(),
      kind: "system",
      text: "User identity changed",
      payload: { body: "User identity changed", type: "customer_identity_changed", wa_id: person.waId, identity: { acknowledged: false, created_timestamp: String(Math.floor(at.getTime() / 1000)), hash: "dGVzdA==" } },
      providerMessageId: `${(before.providerMessageId ?? "wamid.demo").replace(/=+$/, "")}SUQ`,
      replyToMessageId: null,
      history: null,
      editedAt: null,
      createdAt: at,
    });
    person.identityChangedAt = at;
    result.identityChanged = forIdentity.id;
  }
  return result;
}
