import { z } from "zod";
import { LOCALES } from "@/i18n/locales";

/** PATCH /api/me: the UI language, or null to follow the browser's. */
export const updateLocaleSchema = z.object({
  locale: z.enum(LOCALES).nullable(),
});

export type UpdateLocaleInput = z.infer<typeof updateLocaleSchema>;
