"use client";

import { useTranslations } from "next-intl";
import { cn } from "@/lib/client/cn";

export type AvailabilityValue = "online" | "away" | "offline";

// Green, amber, grey: the colours every chat tool uses, always with the word beside them.
const DOT: Record<AvailabilityValue, string> = {
  online: "bg-emerald-500",
  away: "bg-amber-400",
  offline: "bg-transparent ring-[1.5px] ring-inset ring-subtle",
};

/** The coloured dot alone (decorative: put the word next to it, or use <Availability>). */
export function AvailabilityDot({ value, className }: { value: AvailabilityValue; className?: string }) {
  return <span aria-hidden className={cn("inline-block size-2 shrink-0 rounded-full", DOT[value], className)} />;
}

/** Dot and word: "● Online". */
export function Availability({ value, className, suffix }: { value: AvailabilityValue; className?: string; suffix?: React.ReactNode }) {
  const t = useTranslations("availability");
  return (
    <span className={cn("inline-flex items-center gap-1.5 text-2xs whitespace-nowrap text-muted", className)}>
      <AvailabilityDot value={value} />
      {t(value)}
      {suffix}
    </span>
  );
}

/** An avatar with its availability dot at the bottom right (the word is the `label`'s job). */
export function WithPresence({ value, children, className }: { value: AvailabilityValue; children: React.ReactNode; className?: string }) {
  return (
    <span className={cn("relative inline-flex shrink-0", className)}>
      {children}
      <span aria-hidden className={cn("absolute -right-0.5 -bottom-0.5 size-2.5 rounded-full ring-2 ring-surface", value === "offline" ? "bg-subtle" : DOT[value])} />
    </span>
  );
}
