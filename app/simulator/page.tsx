import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { findBusinessProfile } from "@/lib/channels/channels";
import { getWhatsAppConfig } from "@/lib/env";
import { Simulator } from "@/components/simulator/simulator";
import { Providers } from "@/components/app/providers";

export async function generateMetadata(): Promise<Metadata> {
  // The root layout's template adds " · Sportello".
  return { title: (await getTranslations("meta"))("simulator") };
}

const FALLBACK_NAME = "Volo Azzurro";

/** The business name customers see next to the badge: the demo channel's verified name. */
async function businessProfile(phoneNumberId: string): Promise<{ name: string; verified: boolean }> {
  try {
    const found = await findBusinessProfile(await getDb(), { phoneNumberId });
    if (found) return found;
  } catch (err) {
    console.error("[simulator] could not read the channel", err);
  }
  return { name: FALLBACK_NAME, verified: true };
}

// A phone in the browser: chat with the business as a customer, through the fake Graph API's
// signed webhooks. Demo mode only (no real WhatsApp access token).
export default async function SimulatorPage() {
  await connection();
  const cfg = getWhatsAppConfig();
  if (!cfg.demo) {
    const t = await getTranslations();
    return (
      <main className="grid min-h-dvh place-items-center p-6">
        <div className="max-w-sm text-center">
          <p className="text-2xs font-semibold tracking-wider text-muted uppercase">{t("simulator.offLabel")}</p>
          <h1 className="mt-1 text-lg font-semibold">{t("simulator.offTitle")}</h1>
          <p className="mt-1 text-muted">{t("simulator.offBody")}</p>
          <Link href="/inbox" className="btn-secondary mt-4">
            {t("common.backToInbox")}
          </Link>
        </div>
      </main>
    );
  }
  const business = await businessProfile(cfg.phoneNumberId);
  // The root layout mounts no client providers (issue 14): the phone brings its own (catalog, queries).
  return (
    <Providers locale={await getLocale()} messages={await getMessages()}>
      <Simulator businessName={business.name} verified={business.verified} />
    </Providers>
  );
}
