"use client";

import { MessageSquareWarning, PencilLine, SendHorizontal, StickyNote } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ChangeSince } from "@/lib/client/types";
import { clockTime } from "@/lib/client/format";

/**
 * The send-time guard's report, inline in the composer: what teammates wrote since the agent
 * started, and the two ways on — send it anyway, or edit (the draft stays).
 */
export function ChangedSince({ changes, onSendAnyway, onEdit, pending }: { changes: ChangeSince[]; onSendAnyway: () => void; onEdit: () => void; pending?: boolean }) {
  const t = useTranslations("guard");
  const names = [...new Set(changes.map((c) => c.author?.name ?? "Sportello"))].join(", ");
  return (
    <div role="alert" aria-labelledby="changed-since-title" className="mb-2 rounded-ctl border border-warning/30 bg-warning-soft px-3 py-2 text-ui" data-testid="changed-since">
      <p id="changed-since-title" className="flex items-start gap-2 font-medium text-warning">
        <MessageSquareWarning className="mt-0.5 size-4 shrink-0" aria-hidden />
        {t("title", { names, count: changes.length })}
      </p>
      <ul className="mt-1.5 space-y-1 pl-6">
        {changes.map((c) => (
          <li key={c.id} className="text-fg-2">
            <span className="font-medium text-fg">{c.author?.name ?? "Sportello"}</span>
            <span className="text-muted">
              {" · "}
              {c.note ? (
                <span className="inline-flex items-center gap-0.5">
                  <StickyNote className="size-3" aria-hidden />
                  {t("note")}
                </span>
              ) : c.kind === "template" ? (
                t("template")
              ) : (
                t("reply")
              )}
              {" · "}
              <time dateTime={c.createdAt}>{clockTime(c.createdAt)}</time>
            </span>
            {c.snippet && <span className="mt-0.5 line-clamp-2 block text-muted">“{c.snippet}”</span>}
          </li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap items-center justify-end gap-2">
        <button type="button" className="btn-ghost h-7 px-2.5" onClick={onEdit}>
          <PencilLine className="size-3.5" aria-hidden />
          {t("edit")}
        </button>
        <button type="button" className="btn-primary h-7 px-2.5" onClick={onSendAnyway} disabled={pending}>
          <SendHorizontal className="size-3.5" aria-hidden />
          {t("sendAnyway")}
        </button>
      </div>
    </div>
  );
}
