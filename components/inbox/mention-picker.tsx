"use client";

import { useId, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import type { Teammate } from "@/lib/client/types";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/lib/client/cn";

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
/** "@" at the start or after a space, then what is typed of a name (up to the caret). */
const TRIGGER = /(^|\s)@([^\s@]{0,30})$/u;

export type MentionState = { start: number; query: string } | null;

/** The "@name" being typed before the caret, if any. */
export function mentionAt(text: string, caret: number): MentionState {
  const m = TRIGGER.exec(text.slice(0, caret));
  return m ? { start: caret - m[2]!.length - 1, query: m[2]! } : null;
}

/** The teammates a note's text @mentions by their full name (picked or typed). */
export function mentionedIn(text: string, teammates: readonly Pick<Teammate, "id" | "name">[]): string[] {
  return teammates.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id);
}

/**
 * The teammate picker of a note: opens on "@", filters as one types, arrows move, Enter or Tab
 * picks, Escape closes. The textarea keeps the focus (aria-activedescendant points into the list).
 */
export function useMentionPicker(teammates: readonly Teammate[], meId: string | undefined) {
  const listId = useId();
  const [state, setState] = useState<MentionState>(null);
  const [active, setActive] = useState(0);
  const options = useMemo(() => {
    if (!state) return [];
    const q = fold(state.query);
    return teammates
      .filter((m) => m.active && m.id !== meId && (!q || fold(m.name).split(/\s+/).some((w) => w.startsWith(q)) || fold(m.name).startsWith(q)))
      .slice(0, 6);
  }, [state, teammates, meId]);
  const open = state !== null && options.length > 0;
  const optionId = (i: number) => `${listId}-${i}`;

  return {
    open,
    options,
    active: Math.min(active, Math.max(0, options.length - 1)),
    listId,
    optionId,
    /** After every change or caret move of the textarea. */
    track(text: string, caret: number) {
      const next = mentionAt(text, caret);
      setState(next);
      if (next?.query !== state?.query) setActive(0);
    },
    close: () => setState(null),
    move: (delta: number) => setActive((a) => (options.length ? (Math.min(a, options.length - 1) + delta + options.length) % options.length : 0)),
    /** The text with the "@query" replaced by "@Full Name ", and where the caret goes. */
    complete(text: string, caret: number, pick: Teammate): { text: string; caret: number } {
      const start = state?.start ?? caret;
      const insert = `@${pick.name} `;
      setState(null);
      return { text: text.slice(0, start) + insert + text.slice(caret), caret: start + insert.length };
    },
  };
}

export function MentionList({ picker, onPick }: { picker: ReturnType<typeof useMentionPicker>; onPick: (m: Teammate) => void }) {
  const t = useTranslations("notes");
  const tRoles = useTranslations("roles");
  if (!picker.open) return null;
  return (
    <ul
      id={picker.listId}
      role="listbox"
      aria-label={t("mentionList")}
      className="absolute bottom-full left-0 z-20 mb-1 w-64 overflow-hidden rounded-card border border-line bg-surface py-1 shadow-pop"
    >
      {picker.options.map((m, i) => (
        <li
          key={m.id}
          id={picker.optionId(i)}
          role="option"
          aria-selected={i === picker.active}
          // Keep the focus in the textarea: pick on mousedown.
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(m);
          }}
          className={cn("flex cursor-pointer items-center gap-2 px-2.5 py-1.5 text-ui", i === picker.active ? "bg-accent-soft text-accent-soft-fg" : "text-fg hover:bg-surface-2")}
        >
          <Avatar name={m.name} seed={m.id} size="xs" />
          <span className="min-w-0 flex-1 truncate">{m.name}</span>
          <span className="text-2xs text-muted">{tRoles(m.role)}</span>
        </li>
      ))}
    </ul>
  );
}
