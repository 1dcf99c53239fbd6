import { AlarmClock, CircleCheck, Clock, CircleDot, Flag } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ConversationStatus } from "@/lib/client/types";
import { useFormat } from "@/lib/client/use-format";
import { cn } from "@/lib/client/cn";

const STATUS_STYLE: Record<ConversationStatus, string> = {
  open: "bg-accent-soft text-accent-soft-fg",
  pending: "bg-warning-soft text-warning",
  snoozed: "bg-[#eef0fb] text-[#4a55a2] dark:bg-[#1f2238] dark:text-[#a9b1ee]",
  resolved: "bg-surface-3 text-muted",
};

const STATUS_ICON = { open: CircleDot, pending: Clock, snoozed: AlarmClock, resolved: CircleCheck } as const;

export function StatusPill({ status, snoozedUntil, className }: { status: ConversationStatus; snoozedUntil?: string | null; className?: string }) {
  const t = useTranslations("status");
  const fmt = useFormat();
  const Icon = STATUS_ICON[status];
  const until = status === "snoozed" && snoozedUntil ? new Date(snoozedUntil) : null;
  return (
    <span className={cn("pill", STATUS_STYLE[status], className)} title={until ? t("snoozedUntil", { date: fmt.date(until, "EEE d MMM, HH:mm") }) : undefined}>
      <Icon className="size-3" aria-hidden />
      {t(status)}
      {until && <span className="font-normal opacity-80">· {fmt.date(until, "EEE HH:mm")}</span>}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const t = useTranslations("priority");
  if (priority !== "high" && priority !== "urgent") return null;
  const urgent = priority === "urgent";
  return (
    <span className={cn("pill", urgent ? "bg-danger-soft text-danger" : "bg-warning-soft text-warning")}>
      <Flag className="size-3" aria-hidden fill="currentColor" />
      {t(priority)}
    </span>
  );
}
