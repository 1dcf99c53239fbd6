"use client";

import { Reply, X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { QuoteTarget } from "./quote-context";
import { KIND_ICON } from "./message-body";

/** The message being replied to, shown inside the composer's box above the text. */
export function QuoteBar({ quote, onCancel }: { quote: QuoteTarget; onCancel: () => void }) {
  const t = useTranslations("quote");
  const KindIcon = KIND_ICON[quote.kind];
  return (
    <div role="group" aria-label={t("group", { author: quote.author })} className="mx-2 mt-2 flex items-center gap-2 rounded-md border-l-2 border-accent bg-surface-2 py-1.5 pr-1 pl-2.5">
      <Reply className="size-3.5 shrink-0 text-muted" aria-hidden />
      <div className="min-w-0 flex-1">
        <p className="text-2xs text-muted">
          {t.rich("replyingTo", { author: quote.author, b: (chunks) => <span className="font-medium text-accent-text">{chunks}</span> })}
        </p>
        <p className="flex items-center gap-1 text-ui text-fg-2">
          {KindIcon && <KindIcon className="size-3.5 shrink-0 text-muted" aria-hidden />}
          <span className="truncate">{quote.summary}</span>
        </p>
      </div>
      <button type="button" className="btn-icon size-6 shrink-0" aria-label={t("cancel")} title={t("cancelTitle")} onClick={onCancel}>
        <X className="size-3.5" aria-hidden />
      </button>
    </div>
  );
}
