"use client";

import { useCallback } from "react";
import { useTranslations } from "next-intl";
import { stockPreview } from "@/lib/content/stock-preview";

/**
 * A conversation's stored preview in the reader's language: our fixed lines ("📷 Photo",
 * "🚫 Message deleted"…) come from the catalog, anything a person wrote is shown as it is.
 */
export function usePreviewText(): (line: string) => string {
  const t = useTranslations("preview");
  return useCallback(
    (line) => {
      const stock = stockPreview(line);
      return stock ? t(stock.key, stock.values) : line;
    },
    [t],
  );
}
