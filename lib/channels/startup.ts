import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { channels } from "@/lib/db/schema";
import { getWhatsAppConfig } from "@/lib/env";
import { ensureDefaultChannel, refreshChannelProfile } from "./channels";

/**
 * At start: the number in WHATSAPP_PHONE_NUMBER_ID has a channel, and (with a real token) its
 * verified name, display number, quality and badge are read from WhatsApp. Best effort: a Graph
 * failure is logged and shown on the settings page, it never stops the server.
 */
export async function configureDefaultChannel(): Promise<void> {
  const cfg = getWhatsAppConfig();
  if (cfg.mode === "unconfigured") {
    console.info("[whatsapp] no number connected: set WHATSAPP_ACCESS_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN and WHATSAPP_PHONE_NUMBER_ID (see Settings → WhatsApp numbers).");
    return;
  }
  const db = await getDb();
  const channelId = await ensureDefaultChannel(db, cfg.phoneNumberId);
  if (!channelId || cfg.demo) return; // demo: the seed wrote the profile the built-in fake reports
  const [row] = await db.select({ workspaceId: channels.workspaceId }).from(channels).where(eq(channels.id, channelId)).limit(1);
  if (!row) return;
  try {
    await refreshChannelProfile(db, row.workspaceId, channelId, cfg);
  } catch (err) {
    console.warn("[whatsapp] could not read the number's profile from the Graph API:", err instanceof Error ? err.message : err);
  }
}
