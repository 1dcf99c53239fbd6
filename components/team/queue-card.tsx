"use client";

import { useId } from "react";
import { Inbox, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import type { TeamAgent, TeamQueue } from "@/lib/client/types";
import { useFormat } from "@/lib/client/use-format";
import { useSetAutoAssign } from "@/lib/client/use-set-auto-assign";
import { useErrorText } from "@/lib/client/use-error-text";
import { cn } from "@/lib/client/cn";
import { Avatar } from "@/components/ui/avatar";
import { WithPresence } from "@/components/ui/availability";
import { ConversationCard } from "./conversation-card";
import { minutesSince } from "./drag";

/** A team's queue (or the conversations of no team): who waits, since when, and the auto-assign switch. */
export function QueueCard({ queue, agents, now }: { queue: TeamQueue; agents: TeamAgent[]; now: Date }) {
  const t = useTranslations("team");
  const fmt = useFormat();
  const errorText = useErrorText();
  const toggle = useSetAutoAssign();
  const id = useId();
  const name = queue.name ?? t("noTeam");
  const members = queue.memberIds.map((m) => agents.find((a) => a.id === m)).filter((a): a is TeamAgent => !!a);
  const oldest = queue.oldestWaitingSince ?? queue.oldestQueuedAt;
  const waited = oldest ? minutesSince(oldest, now) : null;

  return (
    <section aria-labelledby={`${id}-h`} className="rounded-card border border-line bg-surface shadow-xs">
      <header className="flex items-start gap-3 border-b border-line px-4 py-3">
        <span className="mt-0.5 grid size-7 shrink-0 place-items-center rounded-ctl bg-surface-2 text-muted">
          {queue.id ? <Users className="size-4" aria-hidden /> : <Inbox className="size-4" aria-hidden />}
        </span>
        <div className="min-w-0 flex-1">
          <h3 id={`${id}-h`} className="truncate text-sm font-semibold">
            {name}
          </h3>
          <p className="text-2xs text-muted">
            {queue.autoAssign ? t("queued", { count: queue.queued }) : t("unassigned", { count: queue.unassigned })}
            {waited !== null && (
              <span className={cn(waited >= 30 && "font-medium text-warning")}> · {t("oldestQueued", { duration: fmt.compactDuration(waited) })}</span>
            )}
          </p>
        </div>
        {members.length > 0 && (
          <div className="flex shrink-0 -space-x-1.5 pt-0.5" aria-label={t("members", { count: members.length })} role="img">
            {members.slice(0, 5).map((m) => (
              <WithPresence key={m.id} value={m.availability}>
                <Avatar name={m.name} seed={m.id} size="sm" className="ring-2 ring-surface" />
              </WithPresence>
            ))}
          </div>
        )}
      </header>

      {queue.id && (
        <div className="flex items-start gap-3 border-b border-line px-4 py-2.5">
          <button
            type="button"
            role="switch"
            aria-checked={queue.autoAssign}
            aria-labelledby={`${id}-auto`}
            aria-describedby={`${id}-auto-hint`}
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({ teamId: queue.id!, autoAssign: !queue.autoAssign })}
            className={cn(
              "focus-ring relative mt-0.5 inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:opacity-60",
              queue.autoAssign ? "bg-accent" : "bg-line-strong",
            )}
          >
            <span className={cn("inline-block size-4 rounded-full bg-white shadow-sm transition-transform", queue.autoAssign ? "translate-x-[18px]" : "translate-x-0.5")} />
          </button>
          <div className="min-w-0">
            <p id={`${id}-auto`} className="text-ui font-medium text-fg-2">
              <span className="sr-only">{t("autoAssignOf", { team: name })}</span>
              <span aria-hidden>{t("autoAssign")}</span>
            </p>
            <p id={`${id}-auto-hint`} className="text-2xs text-muted">
              {queue.autoAssign ? t("autoAssignOn") : t("autoAssignOff")}
            </p>
            {toggle.isError && <p role="alert" className="mt-1 text-2xs text-danger">{errorText(toggle.error)}</p>}
          </div>
        </div>
      )}

      <div className="p-3">
        {queue.conversations.length === 0 ? (
          <p className="px-1 py-2 text-center text-2xs text-muted">{queue.id ? t("emptyQueue") : t("noTeamHint")}</p>
        ) : (
          <ul className="grid gap-1.5" aria-label={name}>
            {queue.conversations.map((c) => (
              <ConversationCard key={c.id} conv={c} holderId={null} now={now} />
            ))}
          </ul>
        )}
        {queue.unassigned > queue.conversations.length && <p className="mt-1.5 px-1 text-2xs text-muted">{t("more", { count: queue.unassigned - queue.conversations.length })}</p>}
      </div>
    </section>
  );
}
