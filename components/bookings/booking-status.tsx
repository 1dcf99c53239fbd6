"use client";

import { useTranslations } from "next-intl";
import type { BookingStatus } from "@/lib/bookings/schemas";
import { cn } from "@/lib/client/cn";

const STYLE: Record<BookingStatus, string> = {
  confirmed: "border border-line-strong bg-surface text-fg-2",
  ticketed: "bg-accent-soft text-accent-soft-fg",
  checked_in: "bg-accent text-accent-fg",
  changed: "bg-warning-soft text-warning",
  cancelled: "bg-danger-soft text-danger",
  flown: "bg-surface-3 text-fg-2",
};

export function BookingStatusPill({ status, className }: { status: BookingStatus; className?: string }) {
  const t = useTranslations("bookings.status");
  return <span className={cn("pill shrink-0", STYLE[status], className)}>{t(status)}</span>;
}
