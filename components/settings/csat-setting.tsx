"use client";

import { useState } from "react";
import { LoaderCircle, Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan, useMe } from "@/lib/client/use-me";
import { useErrorText } from "@/lib/client/use-error-text";
import { useUpdateWorkspace } from "@/lib/client/use-update-workspace";

/**
 * "Ask customers to rate the conversation when it is resolved": the rating request template goes
 * out once per conversation on resolve. Leads and admins (team:manage) switch it.
 */
export function CsatSetting() {
  const t = useTranslations("csat");
  const errorText = useErrorText();
  const { data: me } = useMe();
  const canManage = useCan("team:manage");
  const update = useUpdateWorkspace();
  const enabled = me?.workspace?.csatEnabled ?? false;
  // The new value shows at once; the server's answer (or, on failure, the old value) replaces it.
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const checked = optimistic ?? enabled;

  return (
    <section aria-labelledby="csat-h" className="mt-6 rounded-card border border-line bg-surface">
      <h2 id="csat-h" className="flex items-center gap-2 border-b border-line px-5 py-3 text-sm font-semibold">
        <Star className="size-4 text-muted" aria-hidden />
        {t("settingTitle")}
      </h2>
      <div className="px-5 py-4">
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-accent"
            checked={checked}
            disabled={!me || !canManage || update.isPending}
            onChange={(e) => {
              setOptimistic(e.target.checked);
              update.mutate({ csatEnabled: e.target.checked }, { onSettled: () => setOptimistic(null) });
            }}
            aria-describedby="csat-hint"
          />
          <span className="min-w-0">
            <span className="font-medium">{t("settingLabel")}</span>
            <span id="csat-hint" className="mt-0.5 block text-2xs text-muted">
              {t("settingHint")}
            </span>
          </span>
          {update.isPending && <LoaderCircle className="ml-auto size-3.5 shrink-0 animate-spin text-muted" aria-hidden />}
        </label>
        {update.isError && (
          <p role="alert" className="mt-2 text-2xs text-danger">
            {errorText(update.error, t("saveFailed"))}
          </p>
        )}
      </div>
    </section>
  );
}
