"use client";

import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { LoaderCircle } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMe } from "@/lib/client/use-me";
import { usePendingReplies } from "@/lib/client/use-send-reply";
import type { useMessages } from "@/lib/client/use-messages";
import { dayKey } from "@/lib/client/format";
import { useFormat } from "@/lib/client/use-format";
import { useErrorText } from "@/lib/client/use-error-text";
import type { MessageDto } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { MessageItem } from "./message-item";

type Props = {
  conversationId: string;
  contactName: string;
  query: ReturnType<typeof useMessages>;
  /** Bumped when this person sends a reply: the log jumps to the bottom. */
  sentTick: number;
};

const NEAR_BOTTOM_PX = 64;
const LOAD_OLDER_PX = 240;
const RUN_GAP_MS = 5 * 60_000;
const HIGHLIGHT_MS = 1600;
const MAX_JUMP_PAGES = 40;

export function MessageLog({ conversationId, contactName, query, sentTick }: Props) {
  const { data: me } = useMe();
  const t = useTranslations("log");
  const fmt = useFormat();
  const errorText = useErrorText();
  const pending = usePendingReplies(conversationId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottomRef = useRef(true);
  const restoreRef = useRef<{ height: number; top: number } | null>(null);
  const { messages, hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  // Replies on their way: drawn as queued until the server's copy (same clientMessageId) arrives.
  const all = useMemo(() => {
    const known = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
    const optimistic: MessageDto[] = pending
      .filter((p) => p && !known.has(p.clientMessageId))
      .map((p) => ({
        id: `pending-${p.clientMessageId}`,
        conversationId,
        direction: "outbound",
        authorType: "agent",
        author: me ? { id: me.user.id, name: me.user.name } : null,
        kind: "text",
        text: p.text,
        payload: null,
        status: "queued",
        error: null,
        replyToMessageId: p.replyToMessageId ?? null,
        clientMessageId: p.clientMessageId,
        createdAt: p.createdAt,
        mediaStatus: null,
        editedAt: null,
        revokedAt: null,
        echo: false,
      }));
    return optimistic.length ? [...messages, ...optimistic] : messages;
  }, [messages, pending, me, conversationId]);

  const byId = useMemo(() => new Map(all.map((m) => [m.id, m])), [all]);
  const groups = useMemo(() => {
    const out: { key: string; label: string; items: MessageDto[] }[] = [];
    const now = new Date();
    for (const m of all) {
      const d = new Date(m.createdAt);
      const key = dayKey(d);
      const last = out[out.length - 1];
      if (last && last.key === key) last.items.push(m);
      else out.push({ key, label: fmt.dayLabel(d, now), items: [m] });
    }
    return out;
  }, [all, fmt]);

  // A click on a quote brings the quoted message into view and flashes it, if it is loaded.
  const [highlight, setHighlight] = useState<{ id: string; at: number } | null>(null);
  const jumpTo = useCallback((id: string) => {
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
    if (!el) return;
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    // Keyboard users land on the quoted message too (focusable from code only).
    el.tabIndex = -1;
    el.focus({ preventScroll: true });
    setHighlight({ id, at: Date.now() });
  }, []);
  useEffect(() => {
    if (!highlight) return;
    const t = setTimeout(() => setHighlight(null), HIGHLIGHT_MS);
    return () => clearTimeout(t);
  }, [highlight]);

  const pageCount = query.data?.pages.length ?? 0;
  const newestId = all[all.length - 1]?.id;

  // A search result opened this thread at one message (`?message=`): load older pages until it is
  // there (a bounded number), then bring it into view once.
  const focusMessageId = useSearchParams()?.get("message") ?? null;
  const jumpedRef = useRef<string | null>(null);
  useEffect(() => {
    if (!focusMessageId || jumpedRef.current === focusMessageId || query.isPending) return;
    if (byId.has(focusMessageId)) {
      jumpedRef.current = focusMessageId;
      atBottomRef.current = false;
      requestAnimationFrame(() => jumpTo(focusMessageId));
      return;
    }
    if (hasNextPage && !isFetchingNextPage && pageCount < MAX_JUMP_PAGES) void fetchNextPage();
  }, [focusMessageId, byId, hasNextPage, isFetchingNextPage, pageCount, fetchNextPage, jumpTo, query.isPending]);

  const loadOlder = () => {
    const el = scrollRef.current;
    if (!el || !hasNextPage || isFetchingNextPage) return;
    restoreRef.current = { height: el.scrollHeight, top: el.scrollTop };
    void fetchNextPage();
  };

  // Older messages were prepended: keep the same message under the reader's eyes.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const r = restoreRef.current;
    if (!el || !r) return;
    el.scrollTop = r.top + (el.scrollHeight - r.height);
    restoreRef.current = null;
  }, [pageCount]);

  // A new message at the bottom: follow it if the reader was already at the bottom.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !newestId) return;
    if (atBottomRef.current) el.scrollTop = el.scrollHeight;
  }, [newestId]);

  // The reader just sent a reply: always show it.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || sentTick === 0) return;
    atBottomRef.current = true;
    el.scrollTop = el.scrollHeight;
  }, [sentTick]);

  // A short first page leaves nothing to scroll: fetch older ones until the pane is full.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !hasNextPage || isFetchingNextPage || query.isPending) return;
    if (el.scrollHeight <= el.clientHeight + LOAD_OLDER_PX) {
      restoreRef.current = { height: el.scrollHeight, top: el.scrollTop };
      void fetchNextPage();
    }
  }, [pageCount, hasNextPage, isFetchingNextPage, query.isPending, fetchNextPage]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    atBottomRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (el.scrollTop < LOAD_OLDER_PX) loadOlder();
  };

  return (
    <div
      ref={scrollRef}
      onScroll={onScroll}
      role="log"
      aria-label={t("label")}
      aria-busy={query.isPending || isFetchingNextPage}
      tabIndex={0}
      className="min-h-0 flex-1 overflow-y-auto bg-canvas/60 px-4 pb-4 [overflow-anchor:none] focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none focus-visible:ring-inset sm:px-6"
    >
      {query.isPending ? (
        <LogSkeleton />
      ) : query.isError && all.length === 0 ? (
        <div role="alert" className="mx-auto mt-8 max-w-sm rounded-ctl border border-danger/25 bg-danger-soft p-3 text-center text-ui text-danger">
          {t("loadFailed")} {errorText(query.error)}
        </div>
      ) : (
        <>
          <div className="flex h-10 items-center justify-center">
            {hasNextPage ? (
              isFetchingNextPage ? (
                <span className="inline-flex items-center gap-2 text-2xs text-muted">
                  <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> {t("loadingOlder")}
                </span>
              ) : (
                <button type="button" className="btn-ghost h-7 text-2xs" onClick={loadOlder}>
                  {t("loadOlder")}
                </button>
              )
            ) : (
              all.length > 0 && <span className="text-2xs text-subtle">{t("start")}</span>
            )}
          </div>
          {all.length === 0 && <p className="mt-10 text-center text-ui text-muted">{t("empty")}</p>}
          {groups.map((g) => (
            <div key={g.key} className="relative">
              <div className="sticky top-0 z-10 flex justify-center py-2">
                <span className="rounded-full border border-line bg-surface/95 px-2.5 py-0.5 text-2xs font-medium text-muted shadow-xs backdrop-blur">
                  {g.label}
                </span>
              </div>
              <ol className="space-y-0.5">
                {g.items.map((m, i) => {
                  const prev = g.items[i - 1];
                  const startsRun =
                    !prev ||
                    prev.direction !== m.direction ||
                    prev.author?.id !== m.author?.id ||
                    new Date(m.createdAt).getTime() - new Date(prev.createdAt).getTime() > RUN_GAP_MS;
                  return (
                    <Fragment key={m.id}>
                      <MessageItem
                        message={m}
                        startsRun={startsRun}
                        contactName={contactName}
                        quoted={m.replyToMessageId ? byId.get(m.replyToMessageId) : undefined}
                        myId={me?.user.id}
                        highlighted={highlight?.id === m.id}
                        onJump={jumpTo}
                      />
                    </Fragment>
                  );
                })}
              </ol>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

function LogSkeleton() {
  const rows = [
    { out: false, w: "w-56" },
    { out: false, w: "w-40" },
    { out: true, w: "w-64" },
    { out: false, w: "w-48" },
    { out: true, w: "w-36" },
  ];
  return (
    <div className="space-y-3 pt-12" aria-hidden>
      {rows.map((r, i) => (
        <div key={i} className={cn("flex", r.out ? "justify-end" : "justify-start")}>
          <div className={cn("h-9 animate-pulse rounded-2xl", r.w, r.out ? "bg-bubble-out" : "bg-bubble-in")} />
        </div>
      ))}
    </div>
  );
}
