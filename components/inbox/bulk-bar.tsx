"use client";

import { ChevronDown, CircleCheck, Hand, UserMinus, UserRoundPlus, Users, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan, useMe } from "@/lib/client/use-me";
import { useTeammates } from "@/lib/client/use-teammates";
import { useTeams } from "@/lib/client/use-teams";
import { useBulkUpdate, type BulkChange } from "@/lib/client/use-bulk-update";
import { useErrorText } from "@/lib/client/use-error-text";
import { ApiError } from "@/lib/client/api";
import type { BulkResult } from "@/lib/client/types";
import { Menu, MenuItem } from "@/components/ui/menu";
import { AvailabilityDot } from "@/components/ui/availability";

export type BulkOutcome = { tone: "ok" | "partly" | "error"; text: string; details: string[] };

type Props = {
  ids: string[];
  nameOf: (id: string) => string;
  onClear: () => void;
  /** A change was sent: the list keeps this bar on screen until `onDone`, even if the rows leave the view live. */
  onStart: () => void;
  /** After a change: the ids refused (they stay selected) and what to say. */
  onDone: (refused: string[], outcome: BulkOutcome) => void;
  outcome: BulkOutcome | null;
};

/**
 * The bar under the list while conversations are ticked: take them, assign them (leads: to
 * anyone or to a team), unassign, resolve. Each conversation follows its own rules; the refused
 * ones stay ticked with the reason.
 */
export function BulkBar({ ids, nameOf, onClear, onStart, onDone, outcome }: Props) {
  const t = useTranslations("bulk");
  const tAvailability = useTranslations("availability");
  const errorText = useErrorText();
  const canAssign = useCan("conversation:assign");
  const { data: me } = useMe();
  const { data: teammates } = useTeammates();
  const { data: teams } = useTeams();
  const bulk = useBulkUpdate();
  const busy = bulk.isPending;

  const run = (change: BulkChange) => {
    onStart();
    bulk.mutate(
      { ids, change },
      {
        onSuccess: ({ results }) => {
          const refused = results.filter((r): r is Extract<BulkResult, { ok: false }> => !r.ok);
          const done = results.length - refused.length;
          const reason = (r: Extract<BulkResult, { ok: false }>) =>
            `${nameOf(r.id)}: ${errorText(new ApiError(r.status, r.error.code, r.error.message, { reason: r.error.reason, params: r.error.params }))}`;
          onDone(
            refused.map((r) => r.id),
            refused.length === 0 ? { tone: "ok", text: t("done", { count: done }), details: [] } : { tone: "partly", text: t("partly", { done, failed: refused.length }), details: refused.slice(0, 3).map(reason) },
          );
        },
        onError: (err) => onDone(ids, { tone: "error", text: errorText(err, t("failed")), details: [] }),
      },
    );
  };

  const people = (teammates ?? []).filter((m) => m.active);
  const btn = "btn-secondary h-8 w-full min-w-0 px-2";
  return (
    <div role="region" aria-label={t("toolbar")} className="shrink-0 border-t border-line bg-surface px-3 pt-2 pb-3 shadow-[0_-6px_16px_-10px_rgb(0_0_0/0.18)]">
      {outcome && (
        <div role="status" className={outcome.tone === "ok" ? "mb-2 text-2xs text-accent-text" : "mb-2 text-2xs text-danger"}>
          <p className="font-medium">{outcome.text}</p>
          {outcome.details.map((d) => (
            <p key={d} className="truncate" title={d}>
              {d}
            </p>
          ))}
        </div>
      )}
      {ids.length > 0 && (
        <>
          <div className="mb-2 flex items-center gap-2">
            <span className="inline-flex h-6 items-center rounded-full bg-accent px-2.5 text-2xs font-semibold text-accent-fg tabular-nums">{t("selected", { count: ids.length })}</span>
            <span className="hidden min-w-0 flex-1 truncate text-2xs text-muted sm:block">{t("hint")}</span>
            <button type="button" className="btn-icon ml-auto size-7" aria-label={t("clear")} title={t("clear")} onClick={onClear}>
              <X className="size-4" aria-hidden />
            </button>
          </div>
          <div className="grid grid-cols-3 gap-1.5">
            <button type="button" className={btn} disabled={busy || !me} title={t("takeTitle")} onClick={() => me && run({ assigneeId: me.user.id })}>
              <Hand className="size-3.5 shrink-0" aria-hidden />
              <span className="truncate">{t("take")}</span>
            </button>
            {canAssign ? (
              <Menu
                label={t("assignMenu")}
                side="top"
                align="start"
                className="w-60"
                trigger={(props) => (
                  <button type="button" {...props} className={btn} disabled={busy}>
                    <UserRoundPlus className="size-3.5 shrink-0" aria-hidden />
                    <span className="truncate">{t("assign")}</span>
                    <ChevronDown className="-mr-0.5 size-3 shrink-0 text-muted" aria-hidden />
                  </button>
                )}
              >
                <div className="max-h-72 overflow-y-auto">
                  <p className="px-2.5 pt-1.5 pb-1 text-2xs font-medium text-muted">{t("toTeammate")}</p>
                  {!teammates && <p className="px-2.5 py-1.5 text-2xs text-subtle">…</p>}
                  {people.map((m) => (
                    <MenuItem key={m.id} onClick={() => run({ assigneeId: m.id })}>
                      <AvailabilityDot value={m.availability} />
                      <span className="min-w-0 flex-1 truncate">{m.id === me?.user.id ? `${m.name} (${t("me")})` : m.name}</span>
                      <span className="text-2xs text-muted">{tAvailability(m.availability)}</span>
                    </MenuItem>
                  ))}
                  <MenuItem onClick={() => run({ assigneeId: null })}>
                    <UserMinus className="size-3.5 text-muted" aria-hidden />
                    {t("unassign")}
                  </MenuItem>
                  <div className="my-1 h-px bg-line" role="separator" />
                  <p className="px-2.5 pt-1 pb-1 text-2xs font-medium text-muted">{t("toTeam")}</p>
                  {(teams ?? []).map((team) => (
                    <MenuItem key={team.id} onClick={() => run({ teamId: team.id })}>
                      <Users className="size-3.5 text-muted" aria-hidden />
                      {team.name}
                    </MenuItem>
                  ))}
                  <MenuItem onClick={() => run({ teamId: null })}>
                    <span className="size-3.5" aria-hidden />
                    {t("noTeam")}
                  </MenuItem>
                </div>
              </Menu>
            ) : (
              <button type="button" className={btn} disabled={busy} onClick={() => run({ assigneeId: null })}>
                <UserMinus className="size-3.5 shrink-0" aria-hidden />
                <span className="truncate">{t("unassign")}</span>
              </button>
            )}
            <button type="button" className="btn-primary h-8 w-full min-w-0 px-2" disabled={busy} onClick={() => run({ status: "resolved" })}>
              <CircleCheck className="size-3.5 shrink-0" aria-hidden />
              <span className="truncate">{t("resolve")}</span>
            </button>
          </div>
        </>
      )}
    </div>
  );
}
