"use client";

import { Frown, Meh, Smile, Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { csatLevel } from "@/lib/content/csat";
import type { ConversationDetail } from "@/lib/client/types";
import { useFormat } from "@/lib/client/use-format";
import { cn } from "@/lib/client/cn";

const LEVEL = {
  good: { Icon: Smile, style: "bg-accent-soft text-accent-soft-fg" },
  okay: { Icon: Meh, style: "bg-warning-soft text-warning" },
  poor: { Icon: Frown, style: "bg-danger-soft text-danger" },
} as const;

/** The customer's rating in the thread header ("Rated Good · 5/5"), or that one was asked for. */
export function CsatBadge({ csat }: { csat: NonNullable<ConversationDetail["csat"]> }) {
  const t = useTranslations("csat");
  const fmt = useFormat();
  if (csat.rating === null) {
    return (
      <span className="inline-flex items-center gap-1 text-2xs text-muted" title={t("requestedTitle", { date: fmt.date(csat.requestedAt, "EEE d MMM, HH:mm") })}>
        <Star className="size-3" aria-hidden />
        {t("requested")}
      </span>
    );
  }
  const level = csatLevel(csat.rating);
  const { Icon, style } = LEVEL[level];
  return (
    <span className={cn("pill", style)} title={csat.answeredAt ? t("ratedTitle", { date: fmt.date(csat.answeredAt, "EEE d MMM, HH:mm") }) : undefined}>
      <Icon className="size-3" aria-hidden />
      {t("rated", { level, rating: String(csat.rating) })}
    </span>
  );
}
