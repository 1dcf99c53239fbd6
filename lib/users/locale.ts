import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { users } from "@/lib/db/schema";
import { isAppLocale, type AppLocale } from "@/i18n/locales";
import { notFound } from "@/lib/errors/app-error";

type UserRef = { workspaceId: string; userId: string };

/** The language a user chose for the UI, or null when they follow their browser's. */
export async function findUserLocale(db: Db, { workspaceId, userId }: UserRef): Promise<AppLocale | null> {
  const [row] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .limit(1);
  // A value written by an older or newer version of the app that this one cannot show counts as unset.
  return isAppLocale(row?.locale) ? row.locale : null;
}

export async function updateUserLocale(db: Db, { workspaceId, userId, locale }: UserRef & { locale: AppLocale | null }): Promise<{ locale: AppLocale | null }> {
  const updated = await db
    .update(users)
    .set({ locale })
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)))
    .returning({ id: users.id });
  if (updated.length === 0) throw notFound("User");
  return { locale };
}
