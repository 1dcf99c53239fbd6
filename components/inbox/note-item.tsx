"use client";

import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "next/navigation";
import { Lock } from "lucide-react";
import { useTranslations } from "next-intl";
import type { MessageDto, NotePayload } from "@/lib/client/types";
import { useFormat } from "@/lib/client/use-format";
import { cn } from "@/lib/client/cn";

/** The note's text with each @mentioned teammate highlighted (me more strongly). */
export function NoteText({ text, payload, myId }: { text: string; payload: NotePayload | null; myId: string | undefined }) {
  const mentions = [...(payload?.mentions ?? [])].sort((a, b) => b.name.length - a.name.length);
  if (mentions.length === 0) return <>{text}</>;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const parts = text.split(new RegExp(`(${mentions.map((m) => `@${escape(m.name)}`).join("|")})`, "g"));
  return (
    <>
      {parts.map((part, i) => {
        const who = mentions.find((m) => part === `@${m.name}`);
        if (!who) return <span key={i}>{part}</span>;
        return (
          <mark key={i} className={cn("rounded px-0.5 font-medium", who.userId === myId ? "bg-amber-300/80 text-amber-950 dark:bg-amber-500/50 dark:text-amber-50" : "bg-amber-200/70 text-amber-900 dark:bg-amber-700/40 dark:text-amber-100")}>
            {part}
          </mark>
        );
      })}
    </>
  );
}

/**
 * An internal note in the thread: amber, labelled "Note", with who wrote it. A notification that
 * leads here (`?message=<id>`) scrolls it into view and flashes it.
 */
export function NoteItem({ m, time, title, myId }: { m: MessageDto; time: string; title: string; myId: string | undefined }) {
  const t = useTranslations("notes");
  const you = useTranslations("common")("you");
  const fmt = useFormat();
  const ref = useRef<HTMLLIElement>(null);
  const target = useSearchParams().get("message") === m.id;
  const [flash, setFlash] = useState(false);
  useEffect(() => {
    if (!target) return;
    const el = ref.current;
    const show = setTimeout(() => {
      el?.scrollIntoView({ block: "center" });
      setFlash(true);
    }, 150);
    const stop = setTimeout(() => setFlash(false), 2_200);
    return () => {
      clearTimeout(show);
      clearTimeout(stop);
    };
  }, [target]);
  const author = m.author ? (m.author.id === myId ? you : m.author.name) : "";
  return (
    <li ref={ref} data-message-id={m.id} data-note className="flex flex-col items-end py-1.5">
      <div
        className={cn(
          "max-w-[min(78%,36rem)] rounded-2xl rounded-br-md border border-dashed border-amber-400/80 bg-amber-50 px-3 py-2 text-sm leading-[1.45] text-fg transition-shadow duration-500 dark:border-amber-600/60 dark:bg-amber-950/40",
          flash && "ring-2 ring-amber-500",
        )}
      >
        <p className="mb-1 flex items-center gap-1.5 text-2xs font-medium text-amber-900 dark:text-amber-200">
          <span className="inline-flex items-center gap-1 rounded-full bg-amber-200/80 px-1.5 py-px text-[10.5px] tracking-wide uppercase dark:bg-amber-800/60">
            <Lock className="size-2.5" aria-hidden />
            {t("label")}
          </span>
          <span>{author}</span>
        </p>
        <p className="break-words whitespace-pre-wrap">
          <NoteText text={m.text ?? ""} payload={m.payload as NotePayload | null} myId={myId} />
        </p>
        <span className="float-right mt-1 ml-3 translate-y-0.5 text-[10.5px] leading-none text-amber-800 tabular-nums dark:text-amber-200/85">
          <time dateTime={m.createdAt} title={title || fmt.fullDateTime(m.createdAt)}>
            {time}
          </time>
        </span>
      </div>
    </li>
  );
}
