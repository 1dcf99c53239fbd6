"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { CircleExclamationPoint, Lock, StickyNote } from "lucide-react";
import { useTranslations } from "next-intl";
import { MAX_TEXT_LENGTH } from "@/lib/messages/schemas";
import { useCreateNote } from "@/lib/client/use-create-note";
import { newClientMessageId } from "@/lib/client/use-send-reply";
import { useErrorText } from "@/lib/client/use-error-text";
import { useMe } from "@/lib/client/use-me";
import { useTeammates } from "@/lib/client/use-teammates";
import { MentionList, mentionedIn, useMentionPicker } from "./mention-picker";

// Note drafts survive switching conversations (for this tab's lifetime), like reply drafts.
const drafts = new Map<string, string>();

/**
 * The Note side of the composer: amber, "Only your team sees this". `@` opens the teammate
 * picker; each teammate named in the note is notified. Never sent to WhatsApp, never a reply.
 */
export function NoteComposer({ conversationId, tabs, initialText, onSent }: { conversationId: string; tabs: React.ReactNode; initialText?: string; onSent: () => void }) {
  const t = useTranslations("notes");
  const errorText = useErrorText();
  const { data: me } = useMe();
  const { data: teammates = [] } = useTeammates();
  const [text, setText] = useState(() => initialText ?? drafts.get(conversationId) ?? "");
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const caret = useRef<number | null>(null);
  const create = useCreateNote(conversationId);
  const picker = useMentionPicker(teammates, me?.user.id);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 220)}px`;
    if (caret.current !== null) {
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
    if (text) drafts.set(conversationId, text);
    else drafts.delete(conversationId);
  }, [text, conversationId]);

  // Opened with "@" (Ask a lead): the picker is already open, the caret after it.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    picker.track(el.value, el.value.length);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on mount only
  }, []);

  const tooLong = text.length > MAX_TEXT_LENGTH;
  const pick = (m: (typeof teammates)[number]) => {
    const el = ref.current!;
    const next = picker.complete(text, el.selectionStart, m);
    caret.current = next.caret;
    setText(next.text);
  };

  const send = () => {
    const body = text.trim();
    if (!body || tooLong || create.isPending) return;
    setError(null);
    setText("");
    picker.close();
    const vars = { text: body, clientMessageId: newClientMessageId(), mentions: mentionedIn(body, teammates) };
    create.mutate(vars, {
      onSuccess: onSent,
      onError: (err) => {
        setText((current) => (current.trim() ? `${vars.text}\n${current}` : vars.text));
        setError(errorText(err, t("failed")));
      },
    });
  };

  return (
    <form
      aria-label={t("form")}
      className="shrink-0 border-t border-amber-300/70 bg-amber-50 px-4 pt-2 pb-2.5 sm:px-6 dark:border-amber-700/50 dark:bg-amber-950/30"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {tabs}
      {error && (
        <div role="alert" className="mb-2 flex items-start gap-2 rounded-ctl border border-danger/25 bg-danger-soft px-3 py-2 text-ui text-danger">
          <CircleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>{error}</p>
        </div>
      )}
      <div className="relative rounded-card border border-amber-300 bg-[#fffbeb] shadow-xs focus-within:ring-2 focus-within:ring-amber-400 dark:border-amber-700/60 dark:bg-amber-950/40">
        <MentionList picker={picker} onPick={pick} />
        <textarea
          ref={ref}
          data-note-box
          aria-label={t("label")}
          aria-autocomplete="list"
          aria-controls={picker.open ? picker.listId : undefined}
          aria-activedescendant={picker.open ? picker.optionId(picker.active) : undefined}
          rows={2}
          value={text}
          placeholder={t("placeholder")}
          onChange={(e) => {
            setText(e.target.value);
            picker.track(e.target.value, e.target.selectionStart);
            if (error) setError(null);
          }}
          onSelect={(e) => picker.track(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing) return;
            if (picker.open) {
              if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                e.preventDefault();
                picker.move(e.key === "ArrowDown" ? 1 : -1);
                return;
              }
              if (e.key === "Enter" || e.key === "Tab") {
                e.preventDefault();
                const m = picker.options[picker.active];
                if (m) pick(m);
                return;
              }
              if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                picker.close();
                return;
              }
            }
            if (e.key === "Enter" && !e.shiftKey && !e.altKey) {
              e.preventDefault();
              send();
            } else if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              e.currentTarget.blur();
            }
          }}
          className="block max-h-[220px] min-h-[44px] w-full resize-none bg-transparent px-3 pt-2.5 pb-1 text-sm leading-[1.45] text-fg outline-none placeholder:text-amber-900/50 dark:placeholder:text-amber-100/40"
        />
        <div className="flex items-center gap-2 px-2 pb-2">
          <span className="inline-flex items-center gap-1 pl-1 text-2xs font-medium text-amber-900 dark:text-amber-200">
            <Lock className="size-3" aria-hidden />
            {t("private")}
          </span>
          {tooLong && <span className="text-2xs text-danger tabular-nums">{text.length} / {MAX_TEXT_LENGTH}</span>}
          <button type="submit" className="btn ml-auto h-7 bg-amber-700 px-3 text-white shadow-xs hover:bg-amber-800 disabled:bg-surface-3 disabled:text-subtle disabled:opacity-100 disabled:shadow-none" disabled={!text.trim() || tooLong} aria-busy={create.isPending}>
            <StickyNote className="size-3.5" aria-hidden />
            {t("add")}
          </button>
        </div>
      </div>
      <p className="mt-2 text-2xs text-amber-900/80 dark:text-amber-200/70">{t("hint")}</p>
    </form>
  );
}
