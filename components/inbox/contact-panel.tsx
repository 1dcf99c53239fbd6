"use client";

import { useId } from "react";
import Link from "next/link";
import { BadgeCheck, ShieldAlert, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan } from "@/lib/client/use-me";
import { useTeams } from "@/lib/client/use-teams";
import { useNow } from "@/lib/client/use-now";
import { formatPhone } from "@/lib/client/format";
import { useFormat } from "@/lib/client/use-format";
import { usePreviewText } from "@/lib/client/use-preview-text";
import type { ConversationDetail, ConversationPatch, ConversationStatus } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { Avatar } from "@/components/ui/avatar";
import { BookingList } from "@/components/bookings/booking-list";
import { StatusPill } from "./badges";
import { useInbox } from "./inbox-context";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[88px_1fr] gap-2 py-1.5">
      <dt className="text-2xs text-muted">{label}</dt>
      <dd className="min-w-0 text-ui break-words text-fg-2">{children}</dd>
    </div>
  );
}

export function ContactPanel({
  detail,
  onPatch,
  updating,
  onClose,
  overlay,
}: {
  detail: ConversationDetail;
  onPatch: (p: ConversationPatch) => void;
  updating: boolean;
  onClose: () => void;
  overlay: boolean;
}) {
  const { hrefFor } = useInbox();
  const t = useTranslations("contact");
  const tCommon = useTranslations("common");
  const fmt = useFormat();
  const previewText = usePreviewText();
  const now = useNow(30_000);
  const c = detail.contact;
  const localTime = fmt.localTimeIn(c.timezone, now);

  return (
    <aside
      aria-label={t("label")}
      className={cn(
        "flex w-[280px] shrink-0 flex-col overflow-y-auto border-l border-line bg-surface",
        overlay && "absolute inset-y-0 right-0 z-20 shadow-pop",
      )}
    >
      <div className="flex items-start gap-3 border-b border-line px-4 pt-4 pb-4">
        <Avatar name={c.name} seed={c.id} size="lg" />
        <div className="min-w-0 flex-1 pt-0.5">
          <p className="truncate text-sm font-semibold">{c.name}</p>
          <p className="truncate text-2xs text-muted tabular-nums">{c.phone ? formatPhone(c.phone) : c.username ? `@${c.username}` : t("phoneHidden")}</p>
        </div>
        {overlay && (
          <button type="button" className="btn-icon -mt-1 -mr-2 size-7" aria-label={t("closePanel")} onClick={onClose}>
            <X className="size-4" aria-hidden />
          </button>
        )}
      </div>

      {c.identityChangedAt && (
        <div role="note" className="flex gap-2 border-b border-warning/25 bg-warning-soft px-4 py-2.5 text-2xs text-fg-2">
          <ShieldAlert className="mt-px size-3.5 shrink-0 text-warning" aria-hidden />
          <p>
            <span className="font-medium text-fg">{t("identityChanged", { when: fmt.fullDateTime(c.identityChangedAt) })}</span> {t("identityChangedHint")}
          </p>
        </div>
      )}

      <div className="border-b border-line px-4 py-3">
        <h3 className="mb-1 text-2xs font-semibold tracking-wide text-muted uppercase">
          {t("contact")}
        </h3>
        <dl>
          {c.username && (
            <Row label={t("username")}>
              <span>@{c.username}</span>
            </Row>
          )}
          <Row label={t("phone")}>
            {/* WhatsApp withholds the number of a customer with a username unless you talked recently. */}
            {c.phone ? <span className="tabular-nums">{formatPhone(c.phone)}</span> : <span className="text-muted">{t("phoneHidden")}</span>}
          </Row>
          {c.waId && (
            <Row label={t("waId")}>
              <span className="font-mono text-[12px]">{c.waId}</span>
            </Row>
          )}
          {c.bsuid && (
            <Row label={t("bsuid")}>
              <span className="font-mono text-[12px] break-all">{c.bsuid}</span>
            </Row>
          )}
          <Row label={t("language")}>{fmt.localeName(c.locale) ?? <span className="text-subtle">{tCommon("unknown")}</span>}</Row>
          <Row label={t("localTime")}>
            {localTime ? (
              <>
                {localTime}
                <span className="block text-2xs text-muted">{c.timezone?.replace(/_/g, " ")}</span>
              </>
            ) : (
              <span className="text-subtle">{tCommon("unknown")}</span>
            )}
          </Row>
        </dl>
      </div>

      <BookingList conversationId={detail.id} />

      <div className="border-b border-line px-4 py-3">
        <h3 className="mb-1 text-2xs font-semibold tracking-wide text-muted uppercase">
          {t("conversation")}
        </h3>
        <dl>
          <TeamRow detail={detail} onPatch={onPatch} disabled={updating} />
          <Row label={t("started")}>{fmt.date(detail.createdAt, "d MMM yyyy, HH:mm")}</Row>
          {detail.firstResponseAt && <Row label={t("firstReply")}>{fmt.date(detail.firstResponseAt, "d MMM, HH:mm")}</Row>}
          <Row label={t("number")}>
            <span className="inline-flex items-center gap-1">
              {detail.channel.verifiedName ?? detail.channel.displayPhoneNumber}
              {detail.channel.verified && (
                <span role="img" aria-label={t("verifiedNumber")} title={t("verifiedNumber")} className="text-accent-text">
                  <BadgeCheck className="size-3.5" aria-hidden />
                </span>
              )}
            </span>
            {detail.channel.verifiedName && <span className="block text-2xs text-muted tabular-nums">{detail.channel.displayPhoneNumber}</span>}
          </Row>
        </dl>
      </div>

      <div className="px-4 py-3">
        <h3 className="mb-2 text-2xs font-semibold tracking-wide text-muted uppercase">
          {t("past")}
        </h3>
        {detail.pastConversations.length === 0 ? (
          <p className="text-ui text-subtle">{t("noPast")}</p>
        ) : (
          <ul className="-mx-2 space-y-px">
            {detail.pastConversations.map((p) => (
              <li key={p.id}>
                <Link href={hrefFor(p.id)} className="focus-ring block rounded-ctl px-2 py-1.5 hover:bg-surface-2">
                  <span className="flex items-center justify-between gap-2">
                    <span className="text-2xs text-muted">{fmt.date(p.lastMessageAt, "d MMM yyyy")}</span>
                    <StatusPill status={p.status as ConversationStatus} />
                  </span>
                  <span className="mt-0.5 line-clamp-2 text-ui text-fg-2">{p.lastMessagePreview ? previewText(p.lastMessagePreview) : t("noMessages")}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}

function TeamRow({ detail, onPatch, disabled }: { detail: ConversationDetail; onPatch: (p: ConversationPatch) => void; disabled: boolean }) {
  const id = useId();
  const t = useTranslations("contact");
  const canAssign = useCan("conversation:assign");
  const { data: teams } = useTeams();
  if (!canAssign || !teams) {
    return <Row label={t("team")}>{detail.team?.name ?? <span className="text-subtle">{t("noTeam")}</span>}</Row>;
  }
  return (
    <div className="grid grid-cols-[88px_1fr] items-center gap-2 py-1.5">
      <dt className="text-2xs text-muted">
        <label htmlFor={`${id}-team`}>{t("team")}</label>
      </dt>
      <dd className="min-w-0">
        <select
          id={`${id}-team`}
          className="select-ctl w-full"
          value={detail.team?.id ?? ""}
          disabled={disabled}
          onChange={(e) => onPatch({ teamId: e.target.value || null })}
        >
          <option value="">{t("noTeam")}</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </dd>
    </div>
  );
}
