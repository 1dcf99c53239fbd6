import "server-only";
import { headers } from "next/headers";
import { getServerSession } from "next-auth";
import { getRequestConfig } from "next-intl/server";
import { getAuthOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db/client";
import { findUserLocale } from "@/lib/users/locale";
import { DEFAULT_LOCALE, negotiateLocale, type AppLocale } from "./locales";

/** The signed-in user's saved choice, or null (signed out, no choice, or the database is unwell). */
async function savedLocale(): Promise<AppLocale | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.id || !user.workspaceId) return null;
  try {
    return await findUserLocale(await getDb(), { workspaceId: user.workspaceId, userId: user.id });
  } catch (err) {
    // The page still renders, in the browser's language; the data it needs will say what is wrong.
    console.error("[i18n] could not read the user's locale", err);
    return null;
  }
}

// No locale in the URL: the language follows the person (users.locale), then their browser.
export default getRequestConfig(async () => {
  const locale = (await savedLocale()) ?? negotiateLocale((await headers()).get("accept-language")) ?? DEFAULT_LOCALE;
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
