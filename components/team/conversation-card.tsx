"use client";

import Link from "next/link";
import { ChevronDown, GripVertical, UserRoundPlus } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TeamConversation } from "@/lib/client/types";
import { useFormat } from "@/lib/client/use-format";
import { cn } from "@/lib/client/cn";
import { Menu, MenuItem } from "@/components/ui/menu";
import { AvailabilityDot } from "@/components/ui/availability";
import { PriorityBadge, StatusPill } from "@/components/inbox/badges";
import { CARD_MIME, minutesSince, useTeamBoard } from "./drag";

/**
 * A conversation on the lead's board: dragged onto a teammate to hand it over, or handed over
 * from its "Assign to…" menu (the keyboard's and screen reader's way, and the phone's).
 */
export function ConversationCard({ conv, holderId, now }: { conv: TeamConversation; holderId: string | null; now: Date }) {
  const t = useTranslations("team");
  const tAvailability = useTranslations("availability");
  const fmt = useFormat();
  const board = useTeamBoard();
  const waited = conv.waitingSince ? minutesSince(conv.waitingSince, now) : null;
  return (
    <li
      draggable
      data-team-card={conv.id}
      onDragStart={(e) => {
        e.dataTransfer.setData(CARD_MIME, JSON.stringify({ id: conv.id, customer: conv.contactName }));
        e.dataTransfer.setData("text/plain", conv.contactName);
        e.dataTransfer.effectAllowed = "move";
      }}
      title={t("dragHint")}
      className="group/card flex min-w-0 items-center gap-2 rounded-ctl border border-line bg-surface py-1.5 pr-1.5 pl-1 shadow-xs transition-shadow hover:border-line-strong hover:shadow-sm active:cursor-grabbing"
    >
      <GripVertical className="size-3.5 shrink-0 cursor-grab text-subtle group-hover/card:text-muted" aria-hidden />
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-1.5">
          <Link href={`/inbox/${conv.id}`} className="focus-ring min-w-0 truncate rounded-[3px] text-ui font-medium text-fg hover:underline" aria-label={t("open", { name: conv.contactName })}>
            {conv.contactName}
          </Link>
          {conv.status !== "open" && <StatusPill status={conv.status} className="h-4 px-1.5 text-[10px]" />}
          <PriorityBadge priority={conv.priority} />
        </div>
        <p className="truncate text-2xs text-muted">{conv.preview ?? "—"}</p>
      </div>
      {waited !== null && (
        <span className={cn("shrink-0 text-2xs tabular-nums", waited >= 30 ? "font-medium text-warning" : "text-muted")} title={fmt.fullDateTime(conv.waitingSince!)}>
          {t("waitingFor", { duration: fmt.compactDuration(waited) })}
        </span>
      )}
      <Menu
        label={t("assignMenu", { name: conv.contactName })}
        className="w-64"
        trigger={(props) => (
          <button type="button" {...props} className="btn-ghost h-7 shrink-0 gap-0.5 px-1.5" aria-label={`${t("assignTo")} ${conv.contactName}`} title={t("assignTo")}>
            <UserRoundPlus className="size-3.5" aria-hidden />
            <ChevronDown className="size-3" aria-hidden />
          </button>
        )}
      >
        <div className="max-h-72 overflow-y-auto">
          {board.agents
            .filter((a) => a.id !== holderId)
            .map((a) => (
              <MenuItem key={a.id} onClick={() => board.move(conv.id, conv.contactName, a.id)}>
                <AvailabilityDot value={a.availability} />
                <span className="min-w-0 flex-1 truncate">{a.name}</span>
                <span className="sr-only">{tAvailability(a.availability)}</span>
                <span className={cn("text-2xs tabular-nums", a.open >= a.capacity ? "text-warning" : "text-muted")}>{t("load", { open: a.open, capacity: a.capacity })}</span>
              </MenuItem>
            ))}
        </div>
      </Menu>
    </li>
  );
}
