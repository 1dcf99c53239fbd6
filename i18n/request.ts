import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findUserLocale } from "@/lib/users/locale";
import { CATALOGS } from "@/messages";
import { DEFAULT_LOCALE, negotiateLocale, type AppLocale } from "./locales";

/** The signed-in user's saved choice, or null (no live session, no choice, or the database is unwell). */
async function savedLocale(): Promise<AppLocale | null> {
  try {
    const actor = await getActor();
    if (!actor) return null;
    return await findUserLocale(await getDb(), { workspaceId: actor.workspaceId, userId: actor.userId });
  } catch (err) {
    // Next's own signals (a prerender bailing out to dynamic rendering) are not failures.
    unstable_rethrow(err);
    // The page still renders, in the browser's language; the data it needs will say what is wrong.
    console.error("[i18n] could not read the user's locale", err);
    return null;
  }
}

// No locale in the URL: the language follows the person (users.locale), then their browser.
export default getRequestConfig(async () => {
  const acceptLanguage = (await headers()).get("accept-language");
  const locale = (await savedLocale()) ?? negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE;
  return {
    locale,
    messages: CATALOGS[locale],
  };
});
