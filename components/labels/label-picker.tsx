"use client";

import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { Check, Tag } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan } from "@/lib/client/use-me";
import { useLabels, useSetConversationLabels } from "@/lib/client/use-labels";
import { cn } from "@/lib/client/cn";
import { LabelChip, LabelDot } from "./label-chip";

type Ref = { id: string; name: string; color: string };

/**
 * The thread's labels: chips, and a popover of checkboxes to add or remove them (it stays open
 * for several changes; Escape or a click outside closes it, focus returns to the button).
 */
export function LabelControl({ conversationId, current, disabled }: { conversationId: string; current: Ref[]; disabled: boolean }) {
  const t = useTranslations("labels");
  const canApply = useCan("label:apply");
  const canManage = useCan("label:manage");
  const { data: labels } = useLabels();
  const setLabels = useSetConversationLabels(conversationId);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState("");
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const popId = useId();

  useEffect(() => {
    if (!open) return;
    inputRef.current?.focus();
    const onDown = (e: MouseEvent) => {
      if (!wrapRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const selected = new Set(current.map((l) => l.id));
  const toggle = (id: string) => {
    if (!labels) return;
    const next = selected.has(id) ? labels.filter((l) => selected.has(l.id) && l.id !== id) : labels.filter((l) => selected.has(l.id) || l.id === id);
    setLabels.mutate(next);
  };
  const shown = (labels ?? []).filter((l) => l.name.toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <div ref={wrapRef} className="relative flex min-w-0 items-center gap-1.5">
      {current.length > 0 && (
        <ul className="flex min-w-0 flex-wrap items-center gap-1" aria-label={t("current")}>
          {current.map((l) => (
            <li key={l.id}>
              <LabelChip name={l.name} color={l.color} />
            </li>
          ))}
        </ul>
      )}
      {canApply && (
        <button
          ref={buttonRef}
          type="button"
          className="btn-ghost h-7 gap-1 px-2 text-2xs"
          aria-expanded={open}
          aria-controls={popId}
          disabled={disabled}
          onClick={() => setOpen((o) => !o)}
        >
          <Tag className="size-3.5" aria-hidden />
          {current.length === 0 ? t("add") : t("edit")}
        </button>
      )}
      {open && (
        <div
          id={popId}
          role="dialog"
          aria-label={t("dialog")}
          className="absolute top-full left-0 z-30 mt-1 w-64 rounded-card border border-line bg-surface p-2 shadow-pop"
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          <input
            ref={inputRef}
            type="search"
            className="field h-8 w-full"
            placeholder={t("filter")}
            aria-label={t("filter")}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <fieldset className="mt-2 max-h-60 overflow-y-auto">
            <legend className="sr-only">{t("dialog")}</legend>
            {labels && labels.length === 0 && <p className="px-1 py-2 text-2xs text-muted">{t("none")}</p>}
            {shown.map((l) => {
              const on = selected.has(l.id);
              return (
                <label key={l.id} className="flex cursor-pointer items-center gap-2 rounded-ctl px-1.5 py-1.5 text-ui hover:bg-surface-2 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring">
                  <input type="checkbox" className="sr-only" checked={on} onChange={() => toggle(l.id)} />
                  <span aria-hidden className={cn("grid size-4 place-items-center rounded border", on ? "border-accent bg-accent text-accent-fg" : "border-line-strong")}>
                    {on && <Check className="size-3" />}
                  </span>
                  <LabelDot color={l.color} />
                  <span className="min-w-0 flex-1 truncate">{l.name}</span>
                </label>
              );
            })}
          </fieldset>
          {canManage && (
            <Link href="/settings#labels" className="mt-1 block rounded-ctl px-1.5 py-1.5 text-2xs font-medium text-accent-text hover:bg-surface-2">
              {t("manage")}
            </Link>
          )}
        </div>
      )}
    </div>
  );
}
