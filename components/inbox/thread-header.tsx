"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { addDays, addHours, addMinutes, nextMonday, setHours, startOfHour, setMinutes } from "date-fns";
import { AlarmClock, ArrowLeft, ChevronDown, CircleCheck, CircleDot, Clock, PanelRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan, useMe } from "@/lib/client/use-me";
import { useTeammates } from "@/lib/client/use-teammates";
import type { ConversationDetail, ConversationListItem, ConversationPatch, ConversationStatus, Priority } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { datetimeLocalValue, formatPhone } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import { useFormat } from "@/lib/client/use-format";
import { Avatar } from "@/components/ui/avatar";
import { Menu, MenuItem } from "@/components/ui/menu";
import { LabelControl } from "@/components/labels/label-picker";
import { Availability } from "@/components/ui/availability";
import { StatusPill } from "./badges";
import { CsatBadge } from "./csat-badge";
import { useInbox } from "./inbox-context";
import { ThreadPresence } from "./thread-presence";

const PRIORITY_OPTIONS: readonly Priority[] = ["low", "normal", "high", "urgent"];

function at9(d: Date) {
  return setMinutes(setHours(startOfHour(d), 9), 0);
}

function snoozeOptions(now = new Date()) {
  return [
    { label: "inOneHour", when: addHours(now, 1) },
    { label: "tomorrow", when: at9(addDays(now, 1)) },
    { label: "nextWeek", when: at9(nextMonday(now)) },
  ] as const;
}

type Props = {
  conversationId: string;
  detail: ConversationDetail | undefined;
  preview: ConversationListItem | undefined;
  onPatch: (patch: ConversationPatch) => void;
  updating: boolean;
  panelOpen: boolean;
  onTogglePanel: () => void;
};

export function ThreadHeader({ conversationId, detail, preview, onPatch, updating, panelOpen, onTogglePanel }: Props) {
  const { listHref } = useInbox();
  const t = useTranslations("header");
  const contact = detail?.contact ?? preview?.contact;
  const status = (detail?.status ?? preview?.status) as ConversationStatus | undefined;

  return (
    <header className="shrink-0 border-b border-line bg-surface">
      <div className="flex min-h-14 items-center gap-3 px-4 py-2">
        <Link href={listHref} className="btn-icon -ml-2 md:hidden" aria-label={t("back")}>
          <ArrowLeft className="size-4" aria-hidden />
        </Link>
        {contact ? (
          <Avatar name={contact.name} seed={contact.id} size="md" />
        ) : (
          <span className="size-8 shrink-0 animate-pulse rounded-full bg-surface-3" aria-hidden />
        )}
        <div className="min-w-0 flex-1">
          {contact ? (
            <>
              <h2 className="truncate text-md leading-5 font-semibold">{contact.name}</h2>
              <p className="truncate text-2xs text-muted">
              <span className="tabular-nums">{contact.phone ? formatPhone(contact.phone) : contact.username ? `@${contact.username}` : t("phoneHidden")}</span>
              {detail?.team && <span> · {detail.team.name}</span>}
              </p>
            </>
          ) : (
            <div className="space-y-1.5" aria-hidden>
              <div className="h-3.5 w-36 animate-pulse rounded bg-surface-3" />
              <div className="h-3 w-24 animate-pulse rounded bg-surface-2" />
            </div>
          )}
        </div>
        {status && <StatusActions status={status} onPatch={onPatch} disabled={updating || !detail} snoozedUntil={detail?.snoozedUntil ?? null} />}
        <button
          type="button"
          className={cn("btn-icon", panelOpen && "bg-surface-2 text-fg")}
          aria-label={t("contactDetails")}
          aria-expanded={panelOpen}
          title={panelOpen ? t("hideDetails") : t("showDetails")}
          onClick={onTogglePanel}
        >
          <PanelRight className="size-4" aria-hidden />
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-line/70 bg-surface px-4 py-1.5">
        <AssigneeControl assignee={detail ? detail.assignee : (preview?.assignee ?? null)} onPatch={onPatch} disabled={updating || !detail} />
        <PriorityControl priority={(detail?.priority ?? preview?.priority ?? "normal") as Priority} onPatch={onPatch} disabled={updating || !detail} />
        {detail && <LabelControl conversationId={detail.id} current={detail.labels ?? []} disabled={false} />}
        <ThreadPresence conversationId={conversationId} />
        {detail?.csat && <CsatBadge csat={detail.csat} />}
        {detail?.waitingSince && status !== "resolved" && <WaitingFor since={detail.waitingSince} />}
      </div>
    </header>
  );
}

function WaitingFor({ since }: { since: string }) {
  const now = useNow(30_000);
  const t = useTranslations("header");
  const fmt = useFormat();
  const mins = Math.max(0, Math.round((now.getTime() - new Date(since).getTime()) / 60_000));
  return (
    <span className={cn("ml-auto text-2xs", mins >= 60 ? "text-warning" : "text-muted")} title={t("waitingSince", { date: fmt.date(since, "EEE d MMM, HH:mm") })}>
      {t("waiting", { duration: fmt.compactDuration(mins) })}
    </span>
  );
}

function StatusActions({
  status,
  onPatch,
  disabled,
  snoozedUntil,
}: {
  status: ConversationStatus;
  onPatch: (p: ConversationPatch) => void;
  disabled: boolean;
  snoozedUntil: string | null;
}) {
  const t = useTranslations("header");
  const fmt = useFormat();
  const [custom, setCustom] = useState(false);
  if (status === "resolved") return <StatusPill status="resolved" />;
  const btn = "btn-secondary h-7 px-2.5";
  return (
    <div className="relative flex shrink-0 items-center gap-1.5" role="group" aria-label={t("statusGroup")}>
      {status === "snoozed" && <StatusPill status="snoozed" snoozedUntil={snoozedUntil} className="mr-1 hidden lg:inline-flex" />}
      {status !== "open" && (
        <button type="button" className={btn} title={t("markOpen")} disabled={disabled} onClick={() => onPatch({ status: "open" })}>
          <CircleDot className="size-3.5" aria-hidden />
          <span className="sr-only sm:not-sr-only">{t("open")}</span>
        </button>
      )}
      {status !== "pending" && (
        <button type="button" className={btn} title={t("markPending")} disabled={disabled} onClick={() => onPatch({ status: "pending" })}>
          <Clock className="size-3.5" aria-hidden />
          <span className="sr-only sm:not-sr-only">{t("pending")}</span>
        </button>
      )}
      {status !== "snoozed" && (
        <Menu
          label={t("snoozeMenu")}
          trigger={(props) => (
            <button type="button" {...props} className={btn} disabled={disabled} title={t("snooze")}>
              <AlarmClock className="size-3.5" aria-hidden />
              <span className="sr-only sm:not-sr-only">{t("snooze")}</span>
              <ChevronDown className="-mr-0.5 size-3 text-muted" aria-hidden />
            </button>
          )}
          className="w-56"
        >
          <>
            <p className="px-2.5 pt-1.5 pb-1 text-2xs font-medium text-muted">{t("snoozeUntil")}</p>
            {snoozeOptions().map((o) => (
              <MenuItem
                key={o.label}
                onClick={() => onPatch({ status: "snoozed", snoozedUntil: o.when.toISOString() })}
              >
                <span className="flex-1">{t(o.label)}</span>
                <span className="text-2xs text-muted tabular-nums">{fmt.date(o.when, "EEE HH:mm")}</span>
              </MenuItem>
            ))}
            <MenuItem onClick={() => setCustom(true)}>
              <span className="flex-1">{t("snoozeCustom")}</span>
            </MenuItem>
          </>
        </Menu>
      )}
      {custom && status !== "snoozed" && (
        <SnoozeCustom
          onCancel={() => setCustom(false)}
          onSnooze={(when) => {
            setCustom(false);
            onPatch({ status: "snoozed", snoozedUntil: when.toISOString() });
          }}
        />
      )}
      <button
        type="button"
        className="btn-primary h-7 px-2.5"
        title={t("markResolved")}
        disabled={disabled}
        onClick={() => onPatch({ status: "resolved" })}
      >
        <CircleCheck className="size-3.5" aria-hidden />
        <span className="sr-only sm:not-sr-only">{t("resolve")}</span>
      </button>
    </div>
  );
}

function AssigneeControl({
  assignee,
  onPatch,
  disabled,
}: {
  assignee: { id: string; name: string } | null;
  onPatch: (p: ConversationPatch) => void;
  disabled: boolean;
}) {
  const id = useId();
  const t = useTranslations("header");
  const tCommon = useTranslations("common");
  const canAssign = useCan("conversation:assign");
  const { data: me } = useMe();
  const tAvailability = useTranslations("availability");
  const { data: teammates } = useTeammates();
  const myId = me?.user.id;
  const presence = assignee ? teammates?.find((m) => m.id === assignee.id)?.availability : undefined;

  if (!canAssign) {
    const mine = !!assignee && assignee.id === myId;
    return (
      <div className="flex items-center gap-2 text-ui">
        <span className="text-2xs text-muted">{t("assignee")}</span>
        {assignee ? (
          <span className="inline-flex items-center gap-1.5 font-medium text-fg-2">
            <Avatar name={assignee.name} seed={assignee.id} size="xs" />
            {mine ? tCommon("you") : assignee.name}
            {presence && !mine && <Availability value={presence} className="ml-0.5 font-normal" />}
          </span>
        ) : (
          <span className="text-muted">{t("unassigned")}</span>
        )}
        {!assignee && myId && (
          <button type="button" className="btn-ghost h-6 px-2 text-accent-text hover:text-accent-text" disabled={disabled} onClick={() => onPatch({ assigneeId: myId })}>
            {t("assignToMe")}
          </button>
        )}
        {mine && (
          <button type="button" className="btn-ghost h-6 px-2" disabled={disabled} onClick={() => onPatch({ assigneeId: null })}>
            {t("unassign")}
          </button>
        )}
      </div>
    );
  }

  const options = (teammates ?? []).filter((t) => t.active || t.id === assignee?.id);
  const known = !assignee || options.some((t) => t.id === assignee.id);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={`${id}-assignee`} className="text-2xs text-muted">
        {t("assignee")}
      </label>
      <select
        id={`${id}-assignee`}
        className="select-ctl max-w-48"
        value={assignee?.id ?? ""}
        disabled={disabled}
        onChange={(e) => onPatch({ assigneeId: e.target.value || null })}
      >
        <option value="">{t("unassigned")}</option>
        {!known && assignee && <option value={assignee.id}>{assignee.name}</option>}
        {options.map((m) => (
          <option key={m.id} value={m.id} disabled={!m.active}>
            {`${m.name} · ${tAvailability(m.availability)}`}
          </option>
        ))}
      </select>
      {presence && <Availability value={presence} />}
      {myId && assignee?.id !== myId && (
        <button type="button" className="btn-ghost h-6 px-2 text-accent-text hover:text-accent-text" disabled={disabled} onClick={() => onPatch({ assigneeId: myId })}>
          {t("assignToMe")}
        </button>
      )}
    </div>
  );
}

function PriorityControl({ priority, onPatch, disabled }: { priority: Priority; onPatch: (p: ConversationPatch) => void; disabled: boolean }) {
  const id = useId();
  const t = useTranslations("header");
  const tPriority = useTranslations("priority");
  const canUpdate = useCan("conversation:update");
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={`${id}-priority`} className="text-2xs text-muted">
        {t("priority")}
      </label>
      <select
        id={`${id}-priority`}
        className={cn("select-ctl", priority === "urgent" && "text-danger", priority === "high" && "text-warning")}
        value={priority}
        disabled={disabled || !canUpdate}
        onChange={(e) => onPatch({ priority: e.target.value as Priority })}
      >
        {PRIORITY_OPTIONS.map((p) => (
          <option key={p} value={p}>
            {tPriority(p)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Pick a date and time": the agent's own wake-up time, in their local time, at least a minute ahead. */
function SnoozeCustom({ onSnooze, onCancel }: { onSnooze: (when: Date) => void; onCancel: () => void }) {
  const t = useTranslations("header");
  const id = useId();
  const toLocal = datetimeLocalValue;
  const [value, setValue] = useState(() => toLocal(addHours(startOfHour(new Date()), 3)));
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const when = new Date(value);
    if (!value || Number.isNaN(when.getTime())) return setError(t("snoozeCustomInvalid"));
    if (when.getTime() <= Date.now()) return setError(t("snoozeCustomPast"));
    // The server's rule (lib/conversations/schemas.ts): a year ahead at most.
    if (when.getTime() > addDays(new Date(), 365).getTime()) return setError(t("snoozeCustomTooFar"));
    onSnooze(when);
  };
  return (
    <form
      role="dialog"
      aria-label={t("snoozeCustomTitle")}
      // Our own message says what is wrong, in the user's language, instead of the browser's bubble.
      noValidate
      onSubmit={submit}
      onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), onCancel())}
      className="absolute top-full right-2 z-30 mt-1 w-72 rounded-card border border-line bg-surface p-3 shadow-lg"
    >
      <label htmlFor={id} className="block text-ui font-medium">
        {t("snoozeCustomTitle")}
      </label>
      <input
        id={id}
        type="datetime-local"
        autoFocus
        className="field mt-1.5 w-full"
        value={value}
        min={toLocal(addMinutes(new Date(), 1))}
        max={toLocal(addDays(new Date(), 365))}
        onChange={(e) => (setValue(e.target.value), setError(null))}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="mt-1 text-2xs text-danger">
          {error}
        </p>
      )}
      <div className="mt-3 flex justify-end gap-2">
        <button type="button" className="btn-secondary h-8 px-3" onClick={onCancel}>
          {t("snoozeCustomCancel")}
        </button>
        <button type="submit" className="btn-primary h-8 px-3">
          {t("snooze")}
        </button>
      </div>
    </form>
  );
}
