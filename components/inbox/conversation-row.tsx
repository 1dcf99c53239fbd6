"use client";

import { memo } from "react";
import Link from "next/link";
import { Check, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/client/use-format";
import { usePreviewText } from "@/lib/client/use-preview-text";
import type { ConversationListItem, ConversationStatus } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { Avatar } from "@/components/ui/avatar";
import { LabelChips } from "@/components/labels/label-chip";
import { PriorityBadge, StatusPill } from "./badges";

type Props = {
  item: ConversationListItem;
  href: string;
  /** The conversation open in the thread pane. */
  selected: boolean;
  /** Ticked for a bulk change. */
  checked: boolean;
  /** Some row is ticked: every row shows its checkbox instead of the avatar. */
  selecting: boolean;
  onCheck: (id: string, range: boolean) => void;
  now: Date;
  showTeam: boolean;
};

/**
 * One row of the list: a link to the thread, and over its avatar a checkbox for bulk changes
 * (shown on hover, on focus, and for every row once one is ticked). The checkbox is the link's
 * sibling, never inside it: one interactive element may not hold another.
 */
export const ConversationRow = memo(function ConversationRow({ item, href, selected, checked, selecting, onCheck, now, showTeam }: Props) {
  const t = useTranslations("list");
  const tBulk = useTranslations("bulk");
  const fmt = useFormat();
  const previewText = usePreviewText();
  const unread = item.unreadCount > 0;
  const status = item.status as ConversationStatus;
  return (
    <div className="group relative">
      <Link
        href={href}
        scroll={false}
        data-conversation-row={item.id}
        aria-current={selected ? "page" : undefined}
        className={cn(
          "cv-row relative flex gap-3 px-4 py-3 outline-none transition-colors focus-visible:bg-surface-2 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
          selected ? "bg-accent-soft/70 dark:bg-accent-soft/60" : checked ? "bg-accent-soft/35 hover:bg-accent-soft/50" : "hover:bg-surface-2",
        )}
      >
        {selected && <span className="absolute inset-y-0 left-0 w-0.5 bg-accent" aria-hidden />}
        <Avatar
          name={item.contact.name}
          seed={item.contact.id}
          size="md"
          className={cn("mt-0.5 transition-opacity", selecting || checked ? "opacity-0" : "group-focus-within:opacity-0 group-hover:opacity-0")}
        />
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-2">
            <span className={cn("min-w-0 flex-1 truncate text-ui", unread ? "font-semibold text-fg" : "font-medium text-fg")}>{item.contact.name}</span>
            <time dateTime={item.lastMessageAt} title={fmt.fullDateTime(item.lastMessageAt)} className={cn("shrink-0 text-2xs tabular-nums", unread ? "font-medium text-accent-text" : "text-muted")}>
              {fmt.shortRelative(item.lastMessageAt, now)}
            </time>
          </div>
          <div className="mt-0.5 flex items-center gap-2">
            <p className={cn("min-w-0 flex-1 truncate text-ui", unread ? "text-fg-2" : "text-muted")}>
              {item.lastMessagePreview ? (
                <>
                  {item.lastMessageDirection === "outbound" && <span className="text-subtle">{t("youPrefix")}</span>}
                  {previewText(item.lastMessagePreview)}
                </>
              ) : (
                <span className="italic text-subtle">{t("noMessages")}</span>
              )}
            </p>
            {unread && (
              <span className="inline-flex h-[18px] min-w-[18px] shrink-0 items-center justify-center rounded-full bg-accent px-1.5 text-[10.5px] font-semibold text-accent-fg tabular-nums">
                <span aria-hidden>{item.unreadCount > 99 ? "99+" : fmt.number(item.unreadCount)}</span>
                <span className="sr-only">{t("unread", { count: item.unreadCount })}</span>
              </span>
            )}
          </div>
          <div className="mt-1.5 flex h-5 items-center gap-1.5">
            {status !== "open" && <StatusPill status={status} snoozedUntil={item.snoozedUntil} />}
            <PriorityBadge priority={item.priority} />
            <LabelChips labels={item.labels} />
            {showTeam && item.team && <span className="truncate text-2xs text-muted">{item.team.name}</span>}
            <span className="ml-auto shrink-0">
              {item.assignee ? (
                <Avatar name={item.assignee.name} seed={item.assignee.id} size="xs" label={t("assignedTo", { name: item.assignee.name })} />
              ) : (
                <span role="img" aria-label={t("unassigned")} title={t("unassigned")} className="grid size-5 place-items-center rounded-full border border-dashed border-line-strong text-subtle">
                  <UserRound className="size-3" aria-hidden />
                </span>
              )}
            </span>
          </div>
        </div>
      </Link>
      <span
        className={cn(
          "absolute top-3.5 left-4 grid size-8 place-items-center rounded-full transition-opacity",
          selecting || checked ? "opacity-100" : "opacity-0 group-focus-within:opacity-100 group-hover:opacity-100",
        )}
      >
        {/* The input covers the whole avatar slot; the box inside is its picture. Shift-click
            reads the click's own modifier, so the range needs no state of its own. */}
        <input
          type="checkbox"
          checked={checked}
          onChange={() => undefined}
          onMouseDown={(e) => e.shiftKey && e.preventDefault()}
          onClick={(e) => onCheck(item.id, e.shiftKey)}
          aria-label={tBulk("select", { name: item.contact.name })}
          data-row-checkbox={item.id}
          className="peer absolute inset-0 size-full cursor-pointer appearance-none rounded-full outline-none"
        />
        <span
          aria-hidden
          className="pointer-events-none grid size-[18px] place-items-center rounded-[5px] border-[1.5px] border-line-strong bg-surface text-accent-fg transition-colors peer-checked:border-accent peer-checked:bg-accent peer-hover:border-muted peer-checked:peer-hover:border-accent peer-focus-visible:ring-2 peer-focus-visible:ring-ring peer-focus-visible:ring-offset-1 peer-focus-visible:ring-offset-surface"
        >
          <Check className={cn("size-3", !checked && "invisible")} strokeWidth={3} />
        </span>
      </span>
    </div>
  );
});
