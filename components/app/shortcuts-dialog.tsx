"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { X } from "lucide-react";

// Key caps stay as printed on (most) keyboards; only what they do is translated.
const SHORTCUTS = [
  { keys: ["j"], label: "next" },
  { keys: ["k"], label: "previous" },
  { keys: ["Enter"], label: "open" },
  { keys: ["x"], label: "select" },
  { keys: ["Shift", "↑/↓"], label: "selectRange" },
  { keys: ["r"], label: "reply" },
  { keys: ["/"], label: "search" },
  { keys: ["Enter"], label: "send" },
  { keys: ["Shift", "Enter"], label: "newLine" },
  { keys: ["Esc"], label: "leave" },
  { keys: ["?"], label: "toggle" },
] as const;

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useTranslations("shortcuts");
  const tCommon = useTranslations("common");

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-auto w-[400px] max-w-[calc(100vw-2rem)] rounded-card border border-line bg-surface p-0 text-fg shadow-pop backdrop:bg-black/30 backdrop:backdrop-blur-[1px]"
    >
      <div className="flex items-center justify-between border-b border-line px-4 py-3">
        <h2 id="shortcuts-title" className="text-sm font-semibold">
          {t("title")}
        </h2>
        <button type="button" className="btn-icon size-7" aria-label={tCommon("close")} onClick={onClose}>
          <X className="size-4" aria-hidden />
        </button>
      </div>
      <dl className="divide-y divide-line px-4 py-1">
        {SHORTCUTS.map((s) => (
          <div key={s.label} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-ui text-fg-2">{t(s.label)}</dt>
            <dd className="flex shrink-0 items-center gap-1">
              {s.keys.map((k) => (
                <kbd key={k} className="kbd">
                  {k}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="border-t border-line px-4 py-2.5 text-2xs text-muted">{t("footer")}</p>
    </dialog>
  );
}
