"use client";

import { Ban, CircleCheck, Clock, RotateCcw, TimerOff, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/client/cn";

const STYLE: Record<string, string> = {
  pending: "bg-warning-soft text-warning",
  paid: "bg-accent-soft text-accent-soft-fg",
  partially_refunded: "bg-[#eef0fb] text-[#4a55a2] dark:bg-[#1f2238] dark:text-[#a9b1ee]",
  refunded: "bg-[#eef0fb] text-[#4a55a2] dark:bg-[#1f2238] dark:text-[#a9b1ee]",
  expired: "bg-surface-3 text-fg-2",
  cancelled: "bg-surface-3 text-fg-2",
};
const ICON = { pending: Clock, paid: CircleCheck, partially_refunded: RotateCcw, refunded: Undo2, expired: TimerOff, cancelled: Ban } as const;
const KNOWN = new Set(Object.keys(ICON));

/** A payment request's status in the reader's language: pending, paid, refunded (in part), expired, cancelled. */
export function PaymentStatusBadge({ status, className }: { status: string; className?: string }) {
  const t = useTranslations("payments.status");
  const Icon = KNOWN.has(status) ? ICON[status as keyof typeof ICON] : Clock;
  return (
    <span className={cn("pill", STYLE[status] ?? "bg-surface-3 text-fg-2", className)} data-status={status}>
      <Icon className="size-3" aria-hidden />
      {KNOWN.has(status) ? t(status as "pending") : status}
    </span>
  );
}
