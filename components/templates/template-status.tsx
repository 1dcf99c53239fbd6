"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/lib/client/cn";

const STATUS_STYLE: Record<string, string> = {
  APPROVED: "bg-accent-soft text-accent-soft-fg",
  PENDING: "bg-warning-soft text-warning",
  REJECTED: "bg-danger-soft text-danger",
  PAUSED: "bg-warning-soft text-warning",
  DISABLED: "bg-surface-3 text-muted",
};
const KNOWN_STATUSES = new Set(["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED", "IN_APPEAL", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED"]);

/** Meta's review status of a template, in the reader's language. */
export function StatusBadge({ status }: { status: string }) {
  const t = useTranslations("templates.status");
  return <span className={cn("pill", STATUS_STYLE[status] ?? "bg-surface-3 text-muted")}>{KNOWN_STATUSES.has(status) ? t(status as "APPROVED") : status}</span>;
}

const QUALITY_DOT: Record<string, string> = { GREEN: "bg-emerald-500", YELLOW: "bg-amber-500", RED: "bg-red-500" };

/** Meta's quality rating as a dot (with its name for screen readers and on hover). */
export function QualityDot({ quality }: { quality: string | null }) {
  const t = useTranslations("templates.quality");
  const key = quality && QUALITY_DOT[quality] ? (quality as "GREEN") : "UNKNOWN";
  return (
    <span className="inline-flex items-center gap-1.5" title={t(key)}>
      <span className={cn("size-2 rounded-full", QUALITY_DOT[key] ?? "bg-subtle")} aria-hidden />
      <span className="text-2xs text-muted">{t(key)}</span>
    </span>
  );
}
