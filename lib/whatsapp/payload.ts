import { z } from "zod";

// Lenient schemas for Meta's webhook notifications: unknown fields pass through, unknown message
// types are kept, and a bad element only skips that element. Nothing here throws.

const idString = z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(512));
const optionalString = z.string().optional().catch(undefined);
const timestamp = z.union([z.string(), z.number()]).optional().catch(undefined);

export const envelopeSchema = z.looseObject({
  object: z.string(),
  entry: z.array(z.unknown()),
});

const entrySchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String).optional().catch(undefined),
  time: z.union([z.number(), z.string()]).optional().catch(undefined),
  changes: z.array(z.unknown()).catch([]),
});

const changeSchema = z.looseObject({
  field: z.string().catch("unknown"),
  value: z.unknown(),
});

const optionalId = idString.optional().catch(undefined);

// Since 2026 a customer may come with a phone (wa_id), a business-scoped user id (user_id), or
// both; with a username, Meta may withhold the phone.
const contactSchema = z
  .looseObject({
    wa_id: optionalId,
    user_id: optionalId,
    parent_user_id: optionalId,
    profile: z.looseObject({ name: optionalString, username: optionalString }).optional().catch(undefined),
  })
  .refine((c) => !!c.wa_id || !!c.user_id);

const messagesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: idString, display_phone_number: optionalString }),
  contacts: z.array(z.unknown()).catch([]).optional(),
  messages: z.array(z.unknown()).catch([]).optional(),
  statuses: z.array(z.unknown()).catch([]).optional(),
});

export const inboundMessageSchema = z
  .looseObject({
  id: idString,
  from: optionalId,
  from_user_id: optionalId,
  from_parent_user_id: optionalId,
  timestamp,
  type: z.string().min(1).max(64).catch("unsupported").default("unsupported"),
  context: z.looseObject({ id: optionalString, from: optionalString }).optional().catch(undefined),
  })
  .refine((m) => !!m.from || !!m.from_user_id);

const statusErrorSchema = z.looseObject({
  code: z.union([z.number(), z.string()]).optional().catch(undefined),
  title: optionalString,
  message: optionalString,
  error_data: z.looseObject({ details: optionalString }).optional().catch(undefined),
});

export const statusSchema = z.looseObject({
  id: idString,
  status: z.string().min(1).max(64),
  timestamp,
  recipient_id: optionalString,
  recipient_user_id: optionalString,
  // Per-message pricing (since July 2025): what this message costs, for the reports.
  pricing: z
    .looseObject({ category: optionalString, type: optionalString, pricing_model: optionalString, billable: z.boolean().optional().catch(undefined) })
    .optional()
    .catch(undefined),
  errors: z.array(z.unknown()).catch([]).optional(),
});

export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type StatusError = z.infer<typeof statusErrorSchema>;
export type MessagePricing = { category?: string; type?: string; model?: string; billable?: boolean };
export type StatusUpdate = { id: string; status: string; timestamp?: string | number; recipientId?: string; recipientUserId?: string; pricing?: MessagePricing; errors: StatusError[] };
export type ContactProfile = { waId: string | null; bsuid: string | null; parentBsuid: string | null; name: string | null; username: string | null };

export type WebhookItem =
  | { kind: "message"; phoneNumberId: string; message: InboundMessage; contact: ContactProfile | null }
  /** What the business sent from the WhatsApp Business app on a shared number (`smb_message_echoes`). */
  | { kind: "echo"; phoneNumberId: string; message: InboundMessage; to: { waId: string | null; bsuid: string | null } }
  | { kind: "status"; phoneNumberId: string; status: StatusUpdate }
  /**
   * What Meta says about a template of the account (`entry.id` is the WABA id, `entry.time` when):
   * its status, quality or category changed.
   */
  | { kind: "template"; field: TemplateField; wabaId: string | null; time: number | null; value: Record<string, unknown> }
  /** Anything else; `note` says what was skipped (null for ordinary fields like account updates). */
  | { kind: "other"; field: string; phoneNumberId: string | null; note: string | null };

// Unix seconds beyond the year 2100 are not a time Meta sends (and some are not a Date at all).
const MAX_UNIX_SECONDS = 4_102_444_800;

export const TEMPLATE_FIELDS = ["message_template_status_update", "message_template_quality_update", "template_category_update"] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
const isTemplateField = (field: string): field is TemplateField => (TEMPLATE_FIELDS as readonly string[]).includes(field);

export type ParsedBody = { ok: true; notification: z.infer<typeof envelopeSchema> } | { ok: false; reason: string };

/** Parses a raw webhook body; `ok: false` means "store as malformed". */
export function parseWebhookBody(body: string): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "Body is not valid JSON." };
  }
  const parsed = envelopeSchema.safeParse(needsSanitizing(body) ? sanitizeJson(json) : json);
  if (!parsed.success) return { ok: false, reason: "Body is not a WhatsApp notification (needs `object` and an `entry` array)." };
  return { ok: true, notification: parsed.data };
}

/**
 * Flattens a notification into the units we process: one per inbound message (with its sender's
 * profile and the business number it came to), one per status, one per anything else.
 */
export function flattenNotification(notification: z.infer<typeof envelopeSchema>): WebhookItem[] {
  const items: WebhookItem[] = [];
  for (const rawEntry of notification.entry) {
    const entry = entrySchema.safeParse(rawEntry);
    if (!entry.success) {
      items.push({ kind: "other", field: "entry", phoneNumberId: null, note: "entry without a changes array" });
      continue;
    }
    for (const rawChange of entry.data.changes) {
      const change = changeSchema.safeParse(rawChange);
      if (!change.success) {
        items.push({ kind: "other", field: "change", phoneNumberId: null, note: "change is not an object" });
        continue;
      }
      const { field, value } = change.data;
      if (isTemplateField(field)) {
        if (value && typeof value === "object" && !Array.isArray(value)) {
          const time = Number(entry.data.time);
          items.push({ kind: "template", field, wabaId: entry.data.id ?? null, time: Number.isInteger(time) && time > 0 && time < MAX_UNIX_SECONDS ? time : null, value: value as Record<string, unknown> });
        } else items.push({ kind: "other", field, phoneNumberId: null, note: `${field} without a value object: skipped` });
        continue;
      }
      flattenChange(field, value, items);
    }
  }
  return items;
}

const echoSchema = z
  .looseObject({ id: idString, to: optionalId, to_user_id: optionalId, timestamp, type: z.string().min(1).max(64).catch("unsupported").default("unsupported") })
  .refine((m) => !!m.to || !!m.to_user_id);

const echoesValueSchema = z.looseObject({
  metadata: z.looseObject({ phone_number_id: idString }),
  message_echoes: z.array(z.unknown()).catch([]),
});

function flattenEchoes(field: string, rawValue: unknown, items: WebhookItem[]) {
  const value = echoesValueSchema.safeParse(rawValue);
  if (!value.success) {
    items.push({ kind: "other", field, phoneNumberId: null, note: "echoes change without metadata.phone_number_id" });
    return;
  }
  const phoneNumberId = value.data.metadata.phone_number_id;
  for (const raw of value.data.message_echoes) {
    const e = echoSchema.safeParse(raw);
    if (!e.success) {
      items.push({ kind: "other", field, phoneNumberId, note: "echo without id or recipient: skipped" });
      continue;
    }
    // The customer is the recipient here; the body is a message like any other.
    const message = { ...e.data, from: e.data.to } as unknown as InboundMessage;
    items.push({ kind: "echo", phoneNumberId, message, to: { waId: e.data.to ?? null, bsuid: e.data.to_user_id ?? null } });
  }
}

function flattenChange(field: string, rawValue: unknown, items: WebhookItem[]) {
  if (field === "smb_message_echoes") return flattenEchoes(field, rawValue, items);
  if (field !== "messages") {
    items.push({ kind: "other", field: field.slice(0, 100), phoneNumberId: null, note: null });
    return;
  }
  const value = messagesValueSchema.safeParse(rawValue);
  if (!value.success) {
    items.push({ kind: "other", field, phoneNumberId: null, note: "messages change without metadata.phone_number_id" });
    return;
  }
  const phoneNumberId = value.data.metadata.phone_number_id;
  const contacts: ContactProfile[] = [];
  for (const raw of value.data.contacts ?? []) {
    const c = contactSchema.safeParse(raw);
    if (c.success) {
      contacts.push({
        waId: c.data.wa_id ?? null,
        bsuid: c.data.user_id ?? null,
        parentBsuid: c.data.parent_user_id ?? null,
        name: cleanName(c.data.profile?.name),
        username: cleanName(c.data.profile?.username),
      });
    }
  }
  for (const raw of value.data.messages ?? []) {
    const m = inboundMessageSchema.safeParse(raw);
    if (!m.success) {
      items.push({ kind: "other", field, phoneNumberId, note: "message without id, from or from_user_id: skipped" });
      continue;
    }
    // Meta normally sends the sender's profile keyed by the same number; a lone profile is theirs too.
    const contact =
      contacts.find((c) => (!!m.data.from && c.waId === m.data.from) || (!!m.data.from_user_id && c.bsuid === m.data.from_user_id)) ??
      (contacts.length === 1 ? contacts[0]! : null);
    items.push({ kind: "message", phoneNumberId, message: m.data, contact });
  }
  for (const raw of value.data.statuses ?? []) {
    const s = statusSchema.safeParse(raw);
    if (!s.success) {
      items.push({ kind: "other", field, phoneNumberId, note: "status without id or status: skipped" });
      continue;
    }
    const errors = (s.data.errors ?? []).flatMap((e) => {
      const parsed = statusErrorSchema.safeParse(e);
      return parsed.success ? [parsed.data] : [];
    });
    const { id, status, timestamp: ts, recipient_id: recipientId, recipient_user_id: recipientUserId, pricing: p } = s.data;
    const pricing = p ? { category: p.category?.slice(0, 64), type: p.type?.slice(0, 64), model: p.pricing_model?.slice(0, 32), billable: p.billable } : undefined;
    items.push({ kind: "status", phoneNumberId, status: { id, status, timestamp: ts, recipientId, recipientUserId, pricing, errors } });
  }
  if (!value.data.messages?.length && !value.data.statuses?.length) {
    items.push({ kind: "other", field, phoneNumberId, note: null });
  }
}

function cleanName(name: string | undefined): string | null {
  const n = name?.trim().slice(0, 256);
  return n ? n : null;
}

const EARLIEST = Date.UTC(2009, 0, 1); // before WhatsApp existed: not a real message time

/** Unix seconds (string or number) → Date; anything unusable, or in the future, becomes `now`. */
export function parseTimestamp(value: string | number | undefined, now: Date = new Date()): Date {
  const seconds = typeof value === "number" ? value : typeof value === "string" && /^\s*\d{1,12}\s*$/.test(value) ? Number(value) : NaN;
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now.getTime()) return now;
  return new Date(Math.floor(ms));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanString(s: string): string {
  // Postgres text and jsonb reject NUL, and jsonb rejects lone surrogates: real JSON may carry both.
  return s.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * Whether JSON.parse(body) may hold something sanitizeJson changes: a NUL or surrogate escape, a
 * number that parses to ±Infinity (an exponent, 300+ digits), nesting deeper than 64. Nearly every
 * notification holds none of these, and copying it cost about a third of the worker's CPU per
 * event (bench:process profile, 12-03). Conservative: a yes only means the deep copy runs.
 */
export function needsSanitizing(body: string): boolean {
  if (/\\u(?:0000|[dD][89a-fA-F])|\d[eE]|\d{300}/.test(body)) return true;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // a backslash: skip what it escapes
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > 64) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** A deep copy safe to write into text/jsonb columns; depth-limited so hostile nesting cannot blow the stack. */
export function sanitizeJson(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return cleanString(value);
  if (value === null || typeof value !== "object") return typeof value === "number" && !Number.isFinite(value) ? null : value;
  if (depth > 64) return null;
  if (Array.isArray(value)) return value.map((v) => sanitizeJson(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Assign via defineProperty: a "__proto__" key from JSON.parse must stay plain data.
    Object.defineProperty(out, cleanString(k), { value: sanitizeJson(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
