"use client";

import { Fragment, useLayoutEffect, useMemo, useRef } from "react";
import { CircleExclamationPoint, CornerDownRight, File, Image as ImageIcon, LoaderCircle, Mic, RotateCw, Video } from "lucide-react";
import { useMe } from "@/lib/client/use-me";
import { usePendingReplies } from "@/lib/client/use-send-reply";
import { useRetryMessage } from "@/lib/client/use-retry-message";
import type { useMessages } from "@/lib/client/use-messages";
import { clockTime, dayKey, dayLabel, fullDateTime } from "@/lib/client/format";
import { errorMessage } from "@/lib/client/api";
import type { MessageDto } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { DeliveryStatus } from "./delivery-status";

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

export function MessageLog({ conversationId, contactName, query, sentTick }: Props) {
  const { data: me } = useMe();
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
        replyToMessageId: null,
        clientMessageId: p.clientMessageId,
        createdAt: p.createdAt,
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
      else out.push({ key, label: dayLabel(d, now), items: [m] });
    }
    return out;
  }, [all]);

  const pageCount = query.data?.pages.length ?? 0;
  const newestId = all[all.length - 1]?.id;

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
      aria-label="Messages"
      aria-busy={query.isPending || isFetchingNextPage}
      tabIndex={0}
      className="min-h-0 flex-1 overflow-y-auto bg-canvas/60 px-4 pb-4 [overflow-anchor:none] focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none focus-visible:ring-inset sm:px-6"
    >
      {query.isPending ? (
        <LogSkeleton />
      ) : query.isError && all.length === 0 ? (
        <div role="alert" className="mx-auto mt-8 max-w-sm rounded-ctl border border-danger/25 bg-danger-soft p-3 text-center text-ui text-danger">
          Could not load messages. {errorMessage(query.error)}
        </div>
      ) : (
        <>
          <div className="flex h-10 items-center justify-center">
            {hasNextPage ? (
              isFetchingNextPage ? (
                <span className="inline-flex items-center gap-2 text-2xs text-muted">
                  <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> Loading older messages…
                </span>
              ) : (
                <button type="button" className="btn-ghost h-7 text-2xs" onClick={loadOlder}>
                  Load older messages
                </button>
              )
            ) : (
              all.length > 0 && <span className="text-2xs text-subtle">Start of the conversation</span>
            )}
          </div>
          {all.length === 0 && <p className="mt-10 text-center text-ui text-muted">No messages in this conversation yet.</p>}
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

const KIND_LABEL: Record<string, { label: string; Icon: typeof File }> = {
  image: { label: "Photo", Icon: ImageIcon },
  sticker: { label: "Sticker", Icon: ImageIcon },
  video: { label: "Video", Icon: Video },
  audio: { label: "Audio", Icon: Mic },
  document: { label: "Document", Icon: File },
};

function payloadString(payload: Record<string, unknown> | null, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = payload?.[k];
    if (typeof v === "string" && v) return v;
  }
  return null;
}

/** Only our own media endpoint is ever loaded: never a URL from a message. */
function safeMediaUrl(payload: Record<string, unknown> | null): string | null {
  const url = payloadString(payload, "mediaUrl");
  return url && url.startsWith("/api/media/") ? url : null;
}

function MessageBody({ m, contactName }: { m: MessageDto; contactName: string }) {
  const media = KIND_LABEL[m.kind];
  if (media) {
    const url = safeMediaUrl(m.payload);
    const filename = payloadString(m.payload, "filename");
    const voice = m.kind === "audio" && m.payload?.voice === true;
    const label = voice ? "Voice message" : media.label;
    let preview: React.ReactNode = null;
    if (url && (m.kind === "image" || m.kind === "sticker")) {
      preview = (
        <a href={url} target="_blank" rel="noreferrer" className="focus-ring mb-1 block overflow-hidden rounded-lg">
          {/* eslint-disable-next-line @next/next/no-img-element -- authenticated, per-message media: no optimisation */}
          <img
            src={url}
            alt={m.text ? `${label}: ${m.text}` : `${label} from ${m.direction === "inbound" ? contactName : "us"}`}
            loading="lazy"
            className={cn("block max-h-72 w-auto max-w-full object-contain", m.kind === "sticker" && "max-h-32")}
          />
        </a>
      );
    } else if (url && m.kind === "video") {
      preview = <video controls preload="metadata" src={url} className="mb-1 block max-h-72 max-w-full rounded-lg" aria-label={label} />;
    } else if (url && m.kind === "audio") {
      preview = <audio controls preload="metadata" src={url} className="mb-1 block h-9 max-w-full" aria-label={label} />;
    }
    return (
      <div>
        {preview}
        {(!preview || m.kind === "document") && (
          <p className="flex items-center gap-1.5 text-fg-2">
            <media.Icon className="size-4 shrink-0 text-muted" aria-hidden />
            {url && m.kind === "document" ? (
              <a href={url} target="_blank" rel="noreferrer" className="focus-ring truncate rounded font-medium text-accent-text underline-offset-2 hover:underline">
                {filename ?? label}
              </a>
            ) : (
              <span className="font-medium">{filename ?? label}</span>
            )}
            {!url && <span className="text-2xs text-muted">(not downloaded)</span>}
          </p>
        )}
        {m.text && <p className="mt-1 break-words whitespace-pre-wrap">{m.text}</p>}
      </div>
    );
  }
  if (m.text) return <p className="break-words whitespace-pre-wrap">{m.text}</p>;
  if (m.kind === "unsupported") return <p className="text-muted italic">WhatsApp could not show us this message. Ask the customer to send it another way.</p>;
  return <p className="text-muted italic">This message type ({m.kind}) cannot be shown here yet.</p>;
}

function FailedNote({ m }: { m: MessageDto }) {
  const retry = useRetryMessage(m.conversationId);
  return (
    <div className="mt-1 flex max-w-[min(78%,36rem)] flex-col items-end gap-1 px-1 text-2xs text-danger">
      <p className="flex items-start gap-1">
        <CircleExclamationPoint className="mt-px size-3.5 shrink-0" aria-hidden />
        <span>
          Not delivered{m.error ? `: ${m.error.message || m.error.title}` : "."}
          {m.error?.code !== undefined && <span className="opacity-70"> (code {String(m.error.code)})</span>}
        </span>
      </p>
      {!m.id.startsWith("pending-") && (
        <button
          type="button"
          className="btn-secondary h-6 px-2 text-2xs"
          disabled={retry.isPending}
          aria-label="Retry sending"
          onClick={() => retry.mutate(m.id)}
        >
          {retry.isPending ? <LoaderCircle className="size-3 animate-spin" aria-hidden /> : <RotateCw className="size-3" aria-hidden />}
          Retry
        </button>
      )}
      {retry.isError && (
        <p role="alert" className="text-danger">
          {errorMessage(retry.error, "Could not retry. Please try again.")}
        </p>
      )}
    </div>
  );
}

function MessageItem({
  message: m,
  startsRun,
  contactName,
  quoted,
  myId,
}: {
  message: MessageDto;
  startsRun: boolean;
  contactName: string;
  quoted: MessageDto | undefined;
  myId: string | undefined;
}) {
  const time = clockTime(m.createdAt);
  if (m.direction === "internal") {
    return (
      <li className="flex justify-center py-1.5">
        <p className="max-w-[80%] text-center text-2xs text-muted">
          {m.text}
          <span className="text-subtle">
            {" "}
            · <time dateTime={m.createdAt} title={fullDateTime(m.createdAt)}>{time}</time>
          </span>
        </p>
      </li>
    );
  }
  if (m.kind === "reaction") {
    return (
      <li className={cn("flex py-1", m.direction === "outbound" ? "justify-end" : "justify-start")}>
        <p className="px-1 text-2xs text-muted">
          {m.direction === "inbound" ? contactName : "We"} {m.text ? `reacted ${m.text}` : "removed a reaction"} · <time dateTime={m.createdAt}>{time}</time>
        </p>
      </li>
    );
  }
  const out = m.direction === "outbound";
  const failed = m.status === "failed";
  const author = out ? (m.author ? (m.author.id === myId ? "You" : m.author.name) : "Sportello") : contactName;
  return (
    <li className={cn("flex flex-col", out ? "items-end" : "items-start", startsRun && "pt-2.5")}>
      {startsRun && (
        <p className={cn("mb-1 px-1 text-2xs font-medium text-muted", out ? "text-right" : "text-left")}>
          {author}
        </p>
      )}
      <div
        className={cn(
          "relative max-w-[min(78%,36rem)] rounded-2xl px-3 py-2 text-sm leading-[1.45] text-fg shadow-[0_1px_0_rgb(0_0_0/0.03)]",
          out ? "rounded-br-md bg-bubble-out" : "rounded-bl-md bg-bubble-in",
          failed && "ring-1 ring-danger/40",
          m.id.startsWith("pending-") && "opacity-80",
        )}
      >
        {m.replyToMessageId && (
          <div className="mb-1.5 flex gap-1.5 rounded-md border-l-2 border-accent/60 bg-black/[0.035] px-2 py-1 text-ui text-muted dark:bg-white/[0.05]">
            <CornerDownRight className="mt-0.5 size-3 shrink-0" aria-hidden />
            <span className="line-clamp-2">{quoted?.text ?? "Reply to an earlier message"}</span>
          </div>
        )}
        <MessageBody m={m} contactName={contactName} />
        <span className="float-right mt-1 ml-3 inline-flex translate-y-0.5 items-center gap-1 text-[10.5px] leading-none text-muted tabular-nums">
          <time dateTime={m.createdAt} title={fullDateTime(m.createdAt)}>
            {time}
          </time>
          {out && m.status && <DeliveryStatus status={m.status} />}
        </span>
      </div>
      {failed && <FailedNote m={m} />}
    </li>
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
