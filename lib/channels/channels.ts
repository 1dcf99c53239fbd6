import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { channels, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { domainError, notFound } from "@/lib/errors/app-error";
import { publishEvent } from "@/lib/realtime/events";
import { recordAudit } from "@/lib/audit/record";
import { fetchPhoneNumberProfile, SendError, type FetchLike, type GraphConfig } from "@/lib/whatsapp/graph-client";

export type ChannelAlert = { code: number | string; title: string; message: string; at: string };

/** How the webhook subscription looks from here: a quiet number is worth a look, not an alarm. */
export type WebhookState = "receiving" | "quiet" | "never";

/** A day without a single notification (messages or statuses) is unusual for a live number. */
export const QUIET_AFTER_MS = 24 * 60 * 60_000;

export type ChannelDto = {
  id: string;
  phoneNumberId: string;
  wabaId: string | null;
  displayPhoneNumber: string;
  verifiedName: string;
  verified: boolean;
  qualityRating: string | null;
  profileCheckedAt: string | null;
  lastWebhookAt: string | null;
  webhook: WebhookState;
  alert: ChannelAlert | null;
  /** Sent to a customer who opens the chat for the first time; null = none. */
  welcomeMessage: string | null;
};

export function webhookStateOf(lastWebhookAt: Date | null, now = new Date()): WebhookState {
  if (!lastWebhookAt) return "never";
  return now.getTime() - lastWebhookAt.getTime() < QUIET_AFTER_MS ? "receiving" : "quiet";
}

/** The workspace's WhatsApp numbers, for the settings page. No secret lives in this table. */
export async function findChannels(db: Db, workspaceId: string, now = new Date()): Promise<ChannelDto[]> {
  const rows = await db.select().from(channels).where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.createdAt));
  return rows.map((c) => ({
    id: c.id,
    phoneNumberId: c.phoneNumberId,
    wabaId: c.wabaId,
    displayPhoneNumber: c.displayPhoneNumber,
    verifiedName: c.verifiedName,
    verified: c.verified,
    qualityRating: c.qualityRating,
    profileCheckedAt: c.profileCheckedAt?.toISOString() ?? null,
    lastWebhookAt: c.lastWebhookAt?.toISOString() ?? null,
    webhook: webhookStateOf(c.lastWebhookAt, now),
    alert: c.alert ?? null,
    welcomeMessage: c.welcomeMessage ?? null,
  }));
}

/** Sets (or clears, with null or blank) a number's welcome reply. Audited; admins only (the route). */
export async function updateChannelSettings(
  db: Db,
  { workspaceId, actorUserId, channelId, welcomeMessage }: { workspaceId: string; actorUserId: string; channelId: string; welcomeMessage: string | null },
): Promise<ChannelDto> {
  const text = welcomeMessage?.trim() ? welcomeMessage.trim() : null;
  const updated = await db.transaction(async (tx) => {
    const rows = await tx
      .update(channels)
      .set({ welcomeMessage: text })
      .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)))
      .returning({ id: channels.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, { workspaceId, actorUserId, action: "channel.welcome_message_changed", data: { channelId, set: text !== null } });
    return true;
  });
  if (!updated) throw notFound("Channel");
  return (await findChannels(db, workspaceId)).find((c) => c.id === channelId)!;
}

/** Alerts every signed-in teammate sees (a banner): which numbers cannot send, and why. */
export async function findChannelAlerts(db: Db, workspaceId: string): Promise<{ channelId: string; displayPhoneNumber: string; alert: ChannelAlert }[]> {
  const rows = await db
    .select({ id: channels.id, displayPhoneNumber: channels.displayPhoneNumber, alert: channels.alert })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), isNotNull(channels.alert)));
  return rows.filter((r) => r.alert).map((r) => ({ channelId: r.id, displayPhoneNumber: r.displayPhoneNumber, alert: r.alert! }));
}

/** WhatsApp refused a send for a reason no retry fixes (190): every teammate should know. */
export async function raiseChannelAlert(db: Db, channelId: string, alert: Omit<ChannelAlert, "at">, now = new Date()): Promise<void> {
  const [row] = await db
    .update(channels)
    .set({ alert: { ...alert, at: now.toISOString() } })
    .where(and(eq(channels.id, channelId), sql`${channels.alert} is null`))
    .returning({ workspaceId: channels.workspaceId });
  if (row) await publishEvent(db, { type: "channel.updated", workspaceId: row.workspaceId, channelId });
}

/** A send went through: whatever blocked the number is fixed. Costs nothing when no alert is set. */
export async function clearChannelAlert(db: Db, channelId: string): Promise<void> {
  const [row] = await db
    .update(channels)
    .set({ alert: null })
    .where(and(eq(channels.id, channelId), isNotNull(channels.alert)))
    .returning({ workspaceId: channels.workspaceId });
  if (row) await publishEvent(db, { type: "channel.updated", workspaceId: row.workspaceId, channelId });
}

/**
 * The number configured in the environment (WHATSAPP_PHONE_NUMBER_ID) gets a channel at start:
 * a business points its real number at Sportello without touching the database. It joins the
 * first workspace; its name and badge are filled in from the Graph API by refreshChannelProfile.
 * Returns the channel id, or null when there is no workspace yet (the seed creates one).
 */
export async function ensureDefaultChannel(db: Db, phoneNumberId: string): Promise<string | null> {
  const [existing] = await db.select({ id: channels.id }).from(channels).where(eq(channels.phoneNumberId, phoneNumberId)).limit(1);
  if (existing) return existing.id;
  // A live number belongs to a real workspace: never the demo one the seed may have loaded.
  const [ws] = await db
    .select({ id: workspaces.id, verifiedName: workspaces.verifiedName, name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.demo, false))
    .orderBy(asc(workspaces.createdAt))
    .limit(1);
  if (!ws) return null;
  await db
    .insert(channels)
    .values({ workspaceId: ws.id, phoneNumberId, displayPhoneNumber: phoneNumberId, verifiedName: ws.verifiedName ?? ws.name })
    .onConflictDoNothing({ target: channels.phoneNumberId });
  const [row] = await db.select({ id: channels.id }).from(channels).where(eq(channels.phoneNumberId, phoneNumberId)).limit(1);
  return row?.id ?? null;
}

/** Records which WhatsApp Business account a number belongs to (its templates live there). */
export async function setChannelAccount(db: Db, { phoneNumberId, wabaId }: { phoneNumberId: string; wabaId: string }): Promise<boolean> {
  const updated = await db
    .update(channels)
    .set({ wabaId })
    .where(and(eq(channels.phoneNumberId, phoneNumberId), sql`${channels.wabaId} is distinct from ${wabaId}`))
    .returning({ id: channels.id });
  return updated.length > 0;
}

/** Asks the Graph API for the number's verified name, display number, quality and badge. */
export async function refreshChannelProfile(db: Db, workspaceId: string, channelId: string, cfg: Omit<GraphConfig, "phoneNumberId">, fetchImpl?: FetchLike): Promise<ChannelDto> {
  const [channel] = await db
    .select({ phoneNumberId: channels.phoneNumberId })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)))
    .limit(1);
  if (!channel) throw notFound("Channel");
  let profile;
  try {
    profile = await fetchPhoneNumberProfile({ ...cfg, phoneNumberId: channel.phoneNumberId }, fetchImpl);
  } catch (err) {
    if (!(err instanceof SendError)) throw err;
    if (err.code === 190) await raiseChannelAlert(db, channelId, { code: 190, title: err.title, message: TOKEN_ALERT });
    throw domainError("upstream_failed", "channel.lookup_failed", `WhatsApp did not answer the lookup: ${err.title}${err.details ? ` (${err.details})` : ""}.`, { title: err.title });
  }
  await db
    .update(channels)
    .set({
      ...(profile.verifiedName ? { verifiedName: profile.verifiedName } : {}),
      ...(profile.displayPhoneNumber ? { displayPhoneNumber: profile.displayPhoneNumber } : {}),
      qualityRating: profile.qualityRating,
      verified: profile.official,
      profileCheckedAt: new Date(),
    })
    .where(eq(channels.id, channelId));
  // WhatsApp just accepted the token: an alert about a rejected token is over (a new token and a
  // restart must not leave everyone looking at a banner until someone dares to send).
  await clearChannelAlert(db, channelId);
  const updated = (await findChannels(db, workspaceId)).find((c) => c.id === channelId);
  if (!updated) throw notFound("Channel");
  return updated;
}

export const TOKEN_ALERT =
  "WhatsApp rejected the access token (error 190): it expired or was revoked. Replies cannot be sent until an admin sets a new WHATSAPP_ACCESS_TOKEN and restarts Sportello; failed replies can then be retried.";

/** The business name and badge customers see (the simulator's header); null when the number is unknown. */
export async function findBusinessProfile(db: Db, { phoneNumberId }: { phoneNumberId: string }): Promise<{ name: string; verified: boolean } | null> {
  const [row] = await db
    .select({ verifiedName: channels.verifiedName, verified: channels.verified })
    .from(channels)
    .where(eq(channels.phoneNumberId, phoneNumberId))
    .limit(1);
  return row?.verifiedName ? { name: row.verifiedName, verified: row.verified } : null;
}
