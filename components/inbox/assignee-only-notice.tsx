"use client";

import { AtSign, Hand, UserRoundCheck } from "lucide-react";
import { useTranslations } from "next-intl";

/**
 * "Only the assignee replies" is on and this conversation is someone else's: instead of a reply
 * box, who has it and the ways on. A lead or admin takes it over (an assignment, in the timeline);
 * an agent asks a lead in a note. Notes stay open to everyone.
 */
export function AssigneeOnlyNotice({
  tabs,
  assigneeName,
  canTakeOver,
  takingOver,
  onTakeOver,
  onAskLead,
}: {
  tabs: React.ReactNode;
  assigneeName: string;
  canTakeOver: boolean;
  takingOver: boolean;
  onTakeOver: () => void;
  onAskLead: () => void;
}) {
  const t = useTranslations("assigneeOnly");
  return (
    <div className="shrink-0 border-t border-line bg-surface px-4 pt-2 pb-3 sm:px-6">
      {tabs}
      <div className="flex flex-wrap items-center gap-3 rounded-card border border-line bg-surface-2 px-3.5 py-3" data-testid="assignee-only">
        <UserRoundCheck className="size-5 shrink-0 text-muted" aria-hidden />
        <div className="min-w-0 flex-1">
          <p className="text-ui font-medium text-fg">{t("title", { name: assigneeName })}</p>
          <p className="text-2xs text-muted">{canTakeOver ? t("bodyLead", { name: assigneeName }) : t("bodyAgent")}</p>
        </div>
        {canTakeOver ? (
          <button type="button" className="btn-primary h-8" onClick={onTakeOver} disabled={takingOver}>
            <Hand className="size-3.5" aria-hidden />
            {t("takeOver")}
          </button>
        ) : (
          <button type="button" className="btn-secondary h-8" onClick={onAskLead}>
            <AtSign className="size-3.5" aria-hidden />
            {t("askLead")}
          </button>
        )}
      </div>
    </div>
  );
}
