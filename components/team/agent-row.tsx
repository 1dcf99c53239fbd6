"use client";

import { useState } from "react";
import { ChevronDown, ChevronRight, MoreHorizontal, Undo2 } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TeamAgent } from "@/lib/client/types";
import { useFormat } from "@/lib/client/use-format";
import { useReleaseAgent } from "@/lib/client/use-release-agent";
import { cn } from "@/lib/client/cn";
import { Avatar } from "@/components/ui/avatar";
import { Menu, MenuItem } from "@/components/ui/menu";
import { Availability, WithPresence } from "@/components/ui/availability";
import { ConversationCard } from "./conversation-card";
import { CapacityInput } from "./capacity-input";
import { CARD_MIME, minutesSince, useTeamBoard } from "./drag";

/** One teammate on the lead's board: who, availability, load against capacity, waits; a drop target. */
export function AgentRow({ agent, now, onReleased }: { agent: TeamAgent; now: Date; onReleased: (text: string) => void }) {
  const t = useTranslations("team");
  const tRoles = useTranslations("roles");
  const fmt = useFormat();
  const board = useTeamBoard();
  const release = useReleaseAgent();
  const [open, setOpen] = useState(false);
  const [over, setOver] = useState(false);
  const full = agent.open >= agent.capacity;
  const pct = agent.capacity > 0 ? Math.min(100, Math.round((agent.open / agent.capacity) * 100)) : 100;
  const oldest = agent.oldestWaitingSince ? minutesSince(agent.oldestWaitingSince, now) : null;
  const listId = `agent-${agent.id}-conversations`;

  return (
    <li
      data-team-agent={agent.id}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(CARD_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        if (!over) setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        setOver(false);
        const raw = e.dataTransfer.getData(CARD_MIME);
        if (!raw) return;
        e.preventDefault();
        const card = JSON.parse(raw) as { id: string; customer: string };
        if (!agent.conversations.some((c) => c.id === card.id)) board.move(card.id, card.customer, agent.id);
      }}
      className={cn("relative px-4 py-3 transition-colors sm:px-5", over && "bg-accent-soft/60 ring-2 ring-accent ring-inset")}
    >
      {over && (
        <span className="pointer-events-none absolute top-2 right-4 rounded-full bg-accent px-2 py-0.5 text-2xs font-medium text-accent-fg" aria-hidden>
          {t("drop", { name: agent.name })}
        </span>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-1 basis-56 items-center gap-3">
          <button
            type="button"
            className="btn-icon -ml-2 size-7 shrink-0"
            aria-expanded={open}
            aria-controls={listId}
            aria-label={open ? t("hide", { name: agent.name }) : t("show", { name: agent.name })}
            title={open ? t("hide", { name: agent.name }) : t("show", { name: agent.name })}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
          </button>
          <WithPresence value={agent.availability}>
            <Avatar name={agent.name} seed={agent.id} size="md" />
          </WithPresence>
          <span className="min-w-0">
            <span className="flex items-center gap-2">
              <span className="truncate text-sm font-medium text-fg">{agent.name}</span>
              {agent.role !== "agent" && <span className="pill h-4 bg-surface-3 px-1.5 text-[10px] text-fg-2">{tRoles(agent.role)}</span>}
            </span>
            <Availability
              value={agent.availability}
              className="mt-0.5"
              suffix={agent.availabilityChangedAt ? <span className="text-muted">· {fmt.shortRelative(agent.availabilityChangedAt, now)}</span> : undefined}
            />
          </span>
        </div>

        <div className="flex w-40 shrink-0 flex-col gap-1" title={t("loadLabel", { open: agent.open, capacity: agent.capacity })}>
          <div className="flex items-baseline justify-between text-2xs">
            <span className={cn("font-medium tabular-nums", full ? "text-warning" : "text-fg-2")}>{t("load", { open: agent.open, capacity: agent.capacity })}</span>
            {full && <span className="font-medium text-warning">{t("full")}</span>}
          </div>
          <div className="h-1.5 overflow-hidden rounded-full bg-surface-3" role="meter" aria-label={t("loadLabel", { open: agent.open, capacity: agent.capacity })} aria-valuemin={0} aria-valuemax={agent.capacity} aria-valuenow={agent.open}>
            <div className={cn("h-full rounded-full transition-[width]", full ? "bg-warning" : "bg-accent")} style={{ width: `${pct}%` }} />
          </div>
        </div>

        <div className="w-36 shrink-0 text-2xs leading-4">
          <p className={cn("font-medium", agent.waiting > 0 ? "text-fg-2" : "text-muted")}>{agent.waiting > 0 ? t("waiting", { count: agent.waiting }) : t("nobodyWaiting")}</p>
          {oldest !== null && <p className={cn(oldest >= 30 ? "text-warning" : "text-muted")}>{t("oldestWait", { duration: fmt.compactDuration(oldest) })}</p>}
        </div>

        <div className="ml-auto flex shrink-0 items-center gap-1">
          <CapacityInput userId={agent.id} name={agent.name} capacity={agent.capacity} />
          <Menu
            label={t("agentMenu", { name: agent.name })}
            className="w-64"
            trigger={(props) => (
              <button type="button" {...props} className="btn-icon size-7" aria-label={t("agentMenu", { name: agent.name })}>
                <MoreHorizontal className="size-4" aria-hidden />
              </button>
            )}
          >
            <MenuItem
              disabled={agent.open === 0 || release.isPending}
              aria-disabled={agent.open === 0}
              onClick={() => release.mutate(agent.id, { onSuccess: (r) => onReleased(t("released", { count: r.released })) })}
            >
              <Undo2 className="size-4 text-muted" aria-hidden />
              <span className="flex-1">
                {t("release")}
                <span className="block text-2xs text-muted">{t("releaseHint", { count: agent.open })}</span>
              </span>
            </MenuItem>
          </Menu>
        </div>
      </div>

      <div id={listId} hidden={!open} className="mt-3 pl-7 sm:pl-12">
        {agent.conversations.length === 0 ? (
          <p className="text-2xs text-muted">{t("noConversations")}</p>
        ) : (
          <ul className="grid gap-1.5 xl:grid-cols-2" aria-label={agent.name}>
            {agent.conversations.map((c) => (
              <ConversationCard key={c.id} conv={c} holderId={agent.id} now={now} />
            ))}
          </ul>
        )}
        {agent.open > agent.conversations.length && <p className="mt-1.5 text-2xs text-muted">{t("more", { count: agent.open - agent.conversations.length })}</p>}
      </div>
    </li>
  );
}
