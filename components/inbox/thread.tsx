"use client";

import { useCallback, useEffect, useState } from "react";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useConversation, useListItemFromCache } from "@/lib/client/use-conversation";
import { useMessages } from "@/lib/client/use-messages";
import { useMarkRead } from "@/lib/client/use-mark-read";
import { useUpdateConversation } from "@/lib/client/use-update-conversation";
import { useMediaQuery, usePageVisible } from "@/lib/client/use-media";
import { isApiError } from "@/lib/client/api";
import { useErrorText } from "@/lib/client/use-error-text";
import type { ConversationPatch } from "@/lib/client/types";
import { ThreadHeader } from "./thread-header";
import { MessageLog } from "./message-log";
import { ResolvedNotice } from "./composer";
import { WorkArea } from "./work-area";
import { ContactPanel } from "./contact-panel";
import { ConversationNotFound } from "./empty-thread";
import { QuoteProvider } from "./quote-context";

const PANEL_KEY = "sportello-contact-panel";

export function Thread({ conversationId }: { conversationId: string }) {
  const t = useTranslations("thread");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const detailQuery = useConversation(conversationId);
  const detail = detailQuery.data;
  const preview = useListItemFromCache(conversationId);
  const messages = useMessages(conversationId);
  const update = useUpdateConversation(conversationId);
  const { mutate: markRead, isPending: marking } = useMarkRead(conversationId);
  const visible = usePageVisible();
  const wide = useMediaQuery("(min-width: 1280px)");
  const [panelPref, setPanelPref] = useState<boolean | null>(null);
  const [sentTick, setSentTick] = useState(0);

  // Opening a conversation (or receiving more while it is open and visible) clears its unread badge.
  const unread = detail?.unreadCount ?? preview?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0 && visible && !marking) markRead();
  }, [unread, visible, marking, markRead]);

  useEffect(() => {
    try {
      const stored = localStorage.getItem(PANEL_KEY);
      if (stored === "closed" || stored === "open") {
        const t = setTimeout(() => setPanelPref(stored === "open"), 0);
        return () => clearTimeout(t);
      }
    } catch {
      /* no storage: default */
    }
  }, []);
  const panelOpen = panelPref ?? wide;
  const togglePanel = useCallback(() => {
    setPanelPref(() => {
      const next = !panelOpen;
      try {
        localStorage.setItem(PANEL_KEY, next ? "open" : "closed");
      } catch {
        /* ignore */
      }
      return next;
    });
  }, [panelOpen]);

  const { mutate: mutateConversation } = update;
  const onPatch = useCallback((patch: ConversationPatch) => mutateConversation(patch), [mutateConversation]);

  if (detailQuery.isError && isApiError(detailQuery.error) && detailQuery.error.status === 404) return <ConversationNotFound />;

  const name = detail?.contact.name ?? preview?.contact.name;
  const status = detail?.status ?? preview?.status;
  const lastInboundAt = detail?.lastInboundAt ?? preview?.lastInboundAt ?? null;

  return (
    <section aria-label={name ? t("label", { name }) : t("labelUnknown")} className="flex min-w-0 flex-1 flex-col">
      <ThreadHeader
        conversationId={conversationId}
        detail={detail}
        preview={preview}
        onPatch={onPatch}
        updating={update.isPending}
        panelOpen={panelOpen}
        onTogglePanel={togglePanel}
      />
      {update.isError && (
        <div role="alert" className="flex items-start gap-2 border-b border-danger/20 bg-danger-soft px-4 py-2 text-ui text-danger">
          <p className="flex-1">{errorText(update.error, t("changeFailed"))}</p>
          <button type="button" className="btn-icon size-6 text-danger hover:bg-danger/10 hover:text-danger" aria-label={tCommon("dismiss")} onClick={() => update.reset()}>
            <X className="size-3.5" aria-hidden />
          </button>
        </div>
      )}
      {detailQuery.isError && !(isApiError(detailQuery.error) && detailQuery.error.status === 404) && (
        <div role="alert" className="border-b border-danger/20 bg-danger-soft px-4 py-2 text-ui text-danger">
          {t("loadFailed")} {errorText(detailQuery.error)}
        </div>
      )}
      <div className="relative flex min-h-0 flex-1">
        <QuoteProvider conversationId={conversationId} status={status} window={detail?.window ?? null} lastInboundAt={lastInboundAt}>
          <div className="flex min-w-0 flex-1 flex-col">
            <MessageLog conversationId={conversationId} contactName={name ?? ""} query={messages} sentTick={sentTick} />
            {status === "resolved" ? (
              <ResolvedNotice onReopen={() => onPatch({ status: "open" })} pending={update.isPending} />
            ) : (
              <WorkArea
                conversationId={conversationId}
                detail={detail}
                lastInboundAt={lastInboundAt}
                windowKnown={detail !== undefined || preview !== undefined}
                onSent={() => setSentTick((t) => t + 1)}
                onPatch={onPatch}
                updating={update.isPending}
              />
            )}
          </div>
        </QuoteProvider>
        {panelOpen && detail && (
          <ContactPanel detail={detail} onPatch={onPatch} updating={update.isPending} onClose={togglePanel} overlay={!wide} />
        )}
      </div>
    </section>
  );
}
