"use client";

import { useId, useState } from "react";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan } from "@/lib/client/use-me";
import { useCreateLabel, useDeleteLabel, useLabels, useUpdateLabel, type LabelColor, type LabelDto } from "@/lib/client/use-labels";
import { useErrorText } from "@/lib/client/use-error-text";
import { isApiError } from "@/lib/client/api";
import { cn } from "@/lib/client/cn";
import { LABEL_STYLE, LabelChip } from "./label-chip";

const COLORS = Object.keys(LABEL_STYLE) as LabelColor[];

function ColorPicker({ value, onChange, name }: { value: LabelColor; onChange: (c: LabelColor) => void; name: string }) {
  const t = useTranslations("labels");
  return (
    <fieldset className="flex items-center gap-1.5">
      <legend className="sr-only">{t("color")}</legend>
      {COLORS.map((c) => (
        <label key={c} className="relative" title={t(`colors.${c}`)}>
          <input type="radio" name={name} value={c} checked={value === c} onChange={() => onChange(c)} className="peer sr-only" aria-label={t(`colors.${c}`)} />
          <span aria-hidden className={cn("block size-5 rounded-full ring-offset-2 ring-offset-surface peer-checked:ring-2 peer-checked:ring-fg peer-focus-visible:ring-2 peer-focus-visible:ring-ring", LABEL_STYLE[c]!.dot)} />
        </label>
      ))}
    </fieldset>
  );
}

function LabelForm({ initial, onDone, submitLabel }: { initial?: LabelDto; onDone: () => void; submitLabel: string }) {
  const t = useTranslations("labels");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const create = useCreateLabel();
  const update = useUpdateLabel();
  const [name, setName] = useState(initial?.name ?? "");
  const [color, setColor] = useState<LabelColor>((initial?.color as LabelColor) ?? "blue");
  const id = useId();
  const m = initial ? update : create;
  const fieldError = isApiError(m.error) ? m.error.fields?.name?.[0] : undefined;
  return (
    <form
      className="flex flex-wrap items-end gap-3 px-5 py-3"
      onSubmit={(e) => {
        e.preventDefault();
        const done = { onSuccess: onDone };
        if (initial) update.mutate({ id: initial.id, name, color }, done);
        else create.mutate({ name, color }, done);
      }}
    >
      <label className="flex min-w-48 flex-1 flex-col gap-1 text-2xs text-muted" htmlFor={`${id}-name`}>
        {t("name")}
        <input id={`${id}-name`} className="field h-8" value={name} maxLength={40} required onChange={(e) => setName(e.target.value)} aria-invalid={!!fieldError} aria-describedby={m.error ? `${id}-err` : undefined} />
      </label>
      <ColorPicker value={color} onChange={setColor} name={`${id}-color`} />
      <div className="flex gap-1.5">
        <button type="submit" className="btn-primary h-8" disabled={m.isPending || !name.trim()}>
          {submitLabel}
        </button>
        <button type="button" className="btn-ghost h-8" onClick={onDone}>
          {tCommon("cancel")}
        </button>
      </div>
      {m.error && (
        <p id={`${id}-err`} role="alert" className="w-full text-2xs text-danger">
          {errorText(m.error)}
        </p>
      )}
    </form>
  );
}

/** Settings → Labels: leads and admins create, rename, recolour and delete the workspace's labels. */
export function LabelManager() {
  const t = useTranslations("labels");
  const canManage = useCan("label:manage");
  const { data: labels } = useLabels();
  const remove = useDeleteLabel();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  if (!canManage) return null;
  return (
    <section id="labels" aria-labelledby="labels-h" className="mt-6 scroll-mt-6 rounded-card border border-line bg-surface">
      <div className="flex items-center border-b border-line px-5 py-3">
        <h2 id="labels-h" className="flex-1 text-sm font-semibold">
          {t("title")}
        </h2>
        {editing !== "new" && (
          <button type="button" className="btn-secondary h-7" onClick={() => setEditing("new")}>
            <Plus className="size-3.5" aria-hidden /> {t("new")}
          </button>
        )}
      </div>
      <p className="px-5 pt-3 text-2xs text-muted">{t("intro")}</p>
      {editing === "new" && <LabelForm onDone={() => setEditing(null)} submitLabel={t("create")} />}
      {labels && labels.length === 0 && editing !== "new" && <p className="px-5 py-4 text-muted">{t("none")}</p>}
      <ul className="divide-y divide-line">
        {(labels ?? []).map((l) =>
          editing === l.id ? (
            <li key={l.id}>
              <LabelForm initial={l} onDone={() => setEditing(null)} submitLabel={t("save")} />
            </li>
          ) : (
            <li key={l.id} className="flex items-center gap-3 px-5 py-2.5">
              <span className="flex-1">
                <LabelChip name={l.name} color={l.color} />
              </span>
              <span className="text-2xs text-muted tabular-nums">{t("usage", { count: l.conversations })}</span>
              <button type="button" className="btn-icon" aria-label={t("editNamed", { name: l.name })} onClick={() => setEditing(l.id)}>
                <Pencil className="size-3.5" aria-hidden />
              </button>
              <button
                type="button"
                className="btn-icon hover:text-danger"
                aria-label={t("deleteNamed", { name: l.name })}
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(t("confirmDelete", { name: l.name, count: l.conversations }))) remove.mutate(l.id);
                }}
              >
                <Trash2 className="size-3.5" aria-hidden />
              </button>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
