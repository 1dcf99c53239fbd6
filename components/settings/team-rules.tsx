"use client";

import { useTranslations } from "next-intl";
import { useCan, useMe } from "@/lib/client/use-me";
import { useUpdateWorkspace } from "@/lib/client/use-update-workspace";
import { useErrorText } from "@/lib/client/use-error-text";
import { cn } from "@/lib/client/cn";

/** Team rules: how the team works the inbox. Leads and admins change them (`team:manage`). */
export function TeamRules() {
  const t = useTranslations("teamRules");
  const errorText = useErrorText();
  const { data: me } = useMe();
  const canManage = useCan("team:manage");
  const update = useUpdateWorkspace();
  const on = me?.workspace?.onlyAssigneeReplies ?? false;

  return (
    <section aria-labelledby="rules-h" className="mt-6 rounded-card border border-line bg-surface">
      <h2 id="rules-h" className="border-b border-line px-5 py-3 text-sm font-semibold">
        {t("title")}
      </h2>
      <div className="flex items-start gap-4 px-5 py-4">
        <div className="min-w-0 flex-1">
          <p id="only-assignee-label" className="font-medium">
            {t("onlyAssignee")}
          </p>
          <p id="only-assignee-hint" className="mt-0.5 text-2xs text-muted">
            {t("onlyAssigneeHint")}
          </p>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby="only-assignee-label"
          aria-describedby="only-assignee-hint"
          disabled={!canManage || !me || update.isPending}
          onClick={() => update.mutate({ onlyAssigneeReplies: !on })}
          className={cn(
            "focus-ring relative mt-0.5 inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60",
            on ? "bg-accent" : "bg-line-strong",
          )}
        >
          <span className={cn("inline-block size-4 rounded-full bg-white shadow-xs transition-transform", on ? "translate-x-[18px]" : "translate-x-0.5")} aria-hidden />
        </button>
      </div>
      {!canManage && <p className="px-5 pb-3 text-2xs text-muted">{t("readOnly")}</p>}
      {update.isError && (
        <p role="alert" className="px-5 pb-3 text-2xs text-danger">
          {errorText(update.error, t("failed"))}
        </p>
      )}
    </section>
  );
}
