"use client";

import { useCallback } from "react";
import { useTranslations } from "next-intl";

/**
 * A WhatsApp error in the user's language: the catalog's words for a code we know (the same
 * codes lib/whatsapp/error-text.ts explains), else the stored text, which is English.
 */
export function useWhatsAppErrorText(): (code: number | string | null | undefined, stored: string) => string {
  const t = useTranslations("whatsappErrors");
  return useCallback(
    (code, stored) => {
      const key = code === null || code === undefined ? "" : String(code).trim();
      return key && t.has(key as never) ? t(key as never) : stored;
    },
    [t],
  );
}
