"use client";

import { useState } from "react";
import { LoaderCircle, MessageSquareText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useUpdateChannel } from "@/lib/client/use-channels";
import { useErrorText } from "@/lib/client/use-error-text";
import type { ChannelDto } from "@/lib/client/types";

const MAX = 4096;

/**
 * A number's welcome reply: sent once, automatically, to a customer who opens the chat for the
 * first time (WhatsApp's request_welcome). Admins edit it; leads see it.
 */
export function WelcomeMessage({ channel, canManage }: { channel: ChannelDto; canManage: boolean }) {
  const t = useTranslations("channels");
  const errorText = useErrorText();
  const update = useUpdateChannel();
  const [draft, setDraft] = useState<string | null>(null);
  const editing = draft !== null;
  const id = `welcome-${channel.id}`;

  function save(text: string | null) {
    update.mutate({ channelId: channel.id, welcomeMessage: text }, { onSuccess: () => setDraft(null) });
  }

  return (
    <div className="mt-3 rounded-ctl border border-line bg-canvas px-3 py-2.5">
      <div className="flex items-center gap-2">
        <MessageSquareText className="size-4 text-muted" aria-hidden />
        <h3 id={id} className="text-ui font-medium">{t("welcomeTitle")}</h3>
        {!editing && canManage && (
          <button type="button" className="btn-ghost ml-auto h-7" onClick={() => setDraft(channel.welcomeMessage ?? "")}>
            {channel.welcomeMessage ? t("welcomeEdit") : t("welcomeAdd")}
          </button>
        )}
      </div>
      <p className="mt-0.5 text-2xs text-muted">{t("welcomeHint")}</p>
      {editing ? (
        <form
          className="mt-2 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            save(draft);
          }}
        >
          <textarea
            aria-labelledby={id}
            className="field min-h-20 w-full py-2"
            maxLength={MAX}
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setDraft(null);
            }}
          />
          <div className="flex flex-wrap items-center gap-2">
            <button type="submit" className="btn-primary h-8" disabled={update.isPending}>
              {update.isPending && <LoaderCircle className="size-3.5 animate-spin" aria-hidden />}
              {t("welcomeSave")}
            </button>
            <button type="button" className="btn-ghost h-8" onClick={() => setDraft(null)}>
              {t("welcomeCancel")}
            </button>
            {channel.welcomeMessage && (
              <button type="button" className="btn-ghost h-8 text-danger" disabled={update.isPending} onClick={() => save(null)}>
                {t("welcomeRemove")}
              </button>
            )}
            <span className="ml-auto text-2xs text-muted tabular-nums">{t("welcomeCount", { count: draft.length, max: MAX })}</span>
          </div>
          {update.isError && (
            <p role="alert" className="text-2xs text-danger">
              {errorText(update.error, t("welcomeFailed"))}
            </p>
          )}
        </form>
      ) : (
        <p className="mt-1.5 text-ui whitespace-pre-wrap text-fg-2">{channel.welcomeMessage ?? <span className="text-muted">{t("welcomeNone")}</span>}</p>
      )}
    </div>
  );
}
