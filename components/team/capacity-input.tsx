"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useSetCapacity } from "@/lib/client/use-set-capacity";

/** A lead's capacity field: saved on Enter or when it loses focus; an invalid value goes back. */
export function CapacityInput({ userId, name, capacity }: { userId: string; name: string; capacity: number }) {
  const t = useTranslations("team");
  const setCapacity = useSetCapacity();
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    if (draft === null) return;
    const n = Number(draft);
    setDraft(null);
    if (Number.isInteger(n) && n >= 0 && n <= 50 && n !== capacity) setCapacity.mutate({ userId, capacity: n });
  };
  return (
    <label className="inline-flex items-center gap-1.5 text-2xs text-muted">
      <span className="md:sr-only">{t("capacity")}</span>
      <input
        type="number"
        inputMode="numeric"
        min={0}
        max={50}
        value={draft ?? String(capacity)}
        aria-label={t("capacityOf", { name })}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === "Enter") save();
          if (e.key === "Escape") setDraft(null);
        }}
        className="focus-ring h-7 w-12 rounded-ctl border border-line bg-surface px-1.5 text-center text-ui text-fg tabular-nums hover:border-line-strong [appearance:textfield] [&::-webkit-inner-spin-button]:appearance-none"
      />
    </label>
  );
}
