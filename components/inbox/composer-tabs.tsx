"use client";

import { MessageSquareText, StickyNote } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/client/cn";

export type ComposerMode = "reply" | "note";

/** Reply to the customer, or a Note only the team sees: the composer's two sides. */
export function ComposerTabs({ mode, onMode }: { mode: ComposerMode; onMode: (m: ComposerMode) => void }) {
  const t = useTranslations("notes");
  const tab = (m: ComposerMode, label: string, Icon: typeof StickyNote) => (
    <button
      type="button"
      aria-pressed={mode === m}
      onClick={() => onMode(m)}
      className={cn(
        "focus-ring inline-flex h-6 items-center gap-1 rounded-[5px] px-2 text-2xs font-medium transition-colors",
        mode === m ? (m === "note" ? "bg-amber-200 text-amber-950 dark:bg-amber-800/60 dark:text-amber-50" : "bg-surface text-fg shadow-xs") : "text-muted hover:text-fg",
      )}
    >
      <Icon className="size-3.5" aria-hidden />
      {label}
    </button>
  );
  return (
    <div role="group" aria-label={t("modes")} className="mb-2 inline-flex gap-0.5 rounded-ctl bg-surface-3/80 p-0.5 dark:bg-surface-3">
      {tab("reply", t("replyTab"), MessageSquareText)}
      {tab("note", t("noteTab"), StickyNote)}
    </div>
  );
}
