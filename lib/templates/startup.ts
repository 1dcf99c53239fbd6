import "server-only";
import { setChannelAccount } from "@/lib/channels/channels";
import { getDb } from "@/lib/db/client";
import { getEnv, getWhatsAppConfig } from "@/lib/env";
import { configuredTemplateGraph } from "./graph";
import { syncAllTemplates } from "./sync";

// In the demo the Graph API is the fake mounted in this very app: give the server a moment to listen.
const DEMO_DELAY_MS = 3_000;

/** At start: templates as Meta has them now (best effort; the webhooks keep them current after). */
export async function syncTemplatesAtStart(): Promise<void> {
  const cfg = getWhatsAppConfig();
  if (cfg.mode === "unconfigured") return;
  if (cfg.demo) await new Promise((resolve) => setTimeout(resolve, DEMO_DELAY_MS).unref?.());
  const db = await getDb();
  // Live: the configured number's account (WHATSAPP_WABA_ID); the demo's is in the seed.
  const wabaId = getEnv().WHATSAPP_WABA_ID;
  if (!cfg.demo && wabaId && cfg.phoneNumberId) await setChannelAccount(db, { phoneNumberId: cfg.phoneNumberId, wabaId });
  await syncAllTemplates(db, configuredTemplateGraph());
}
