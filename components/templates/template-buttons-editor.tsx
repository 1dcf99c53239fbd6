"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { LIMITS } from "@/lib/templates/validate";
import { newButton, type DraftButton } from "./template-draft";

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-2xs text-danger">
      {errors.join(" ")}
    </p>
  );
}

/** The template's buttons: quick replies, links (which may end in a parameter) and a call button. */
export function ButtonsEditor({
  buttons,
  onChange,
  err,
  aria,
  idBase,
}: {
  buttons: DraftButton[];
  onChange: (buttons: DraftButton[]) => void;
  /** The field errors of a key (`buttons.0.url`), from WhatsApp's rules or the API. */
  err: (key: string) => string[] | undefined;
  aria: (key: string) => { "aria-invalid"?: true; "aria-describedby"?: string };
  idBase: string;
}) {
  const t = useTranslations("templates.editor");
  const setButton = (i: number, patch: Partial<DraftButton>) => onChange(buttons.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  return (
    <fieldset>
      <legend className="mb-1 text-2xs font-medium text-fg-2">{t("buttons")}</legend>
      <ul className="space-y-2">
        {buttons.map((b, i) => (
          <li key={i} className="rounded-ctl border border-line p-2">
            <div className="flex items-center gap-2">
              <span className="pill bg-surface-2 text-fg-2">{t(`buttonType.${b.type}`)}</span>
              <button type="button" className="btn-icon ml-auto h-7 w-7" aria-label={t("removeButton", { n: i + 1 })} onClick={() => onChange(buttons.filter((_, j) => j !== i))}>
                <Trash2 className="size-3.5" aria-hidden />
              </button>
            </div>
            <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
              <div>
                <label htmlFor={`${idBase}-b${i}-text`} className="text-2xs text-muted">
                  {t("buttonText")}
                </label>
                <input id={`${idBase}-b${i}-text`} className="field mt-0.5 h-8 text-ui" value={b.text} maxLength={40} onChange={(e) => setButton(i, { text: e.target.value })} {...aria(`buttons.${i}.text`)} />
                <FieldError id={`${idBase}-buttons.${i}.text-e`} errors={err(`buttons.${i}.text`)} />
              </div>
              {b.type === "URL" && (
                <div>
                  <label htmlFor={`${idBase}-b${i}-url`} className="text-2xs text-muted">
                    {t("buttonUrl")}
                  </label>
                  <input id={`${idBase}-b${i}-url`} type="url" className="field mt-0.5 h-8 text-ui" value={b.url} onChange={(e) => setButton(i, { url: e.target.value })} {...aria(`buttons.${i}.url`)} />
                  <FieldError id={`${idBase}-buttons.${i}.url-e`} errors={err(`buttons.${i}.url`)} />
                </div>
              )}
              {b.type === "URL" && b.url.includes("{{") && (
                <div className="sm:col-span-2">
                  <label htmlFor={`${idBase}-b${i}-ex`} className="text-2xs text-muted">
                    {t("buttonExample")}
                  </label>
                  <input id={`${idBase}-b${i}-ex`} type="url" className="field mt-0.5 h-8 text-ui" value={b.example} onChange={(e) => setButton(i, { example: e.target.value })} {...aria(`buttons.${i}.example`)} />
                  <FieldError id={`${idBase}-buttons.${i}.example-e`} errors={err(`buttons.${i}.example`)} />
                </div>
              )}
              {b.type === "PHONE_NUMBER" && (
                <div>
                  <label htmlFor={`${idBase}-b${i}-phone`} className="text-2xs text-muted">
                    {t("buttonPhone")}
                  </label>
                  <input id={`${idBase}-b${i}-phone`} type="tel" className="field mt-0.5 h-8 text-ui" value={b.phone} placeholder="+39 06 1234 5678" onChange={(e) => setButton(i, { phone: e.target.value })} {...aria(`buttons.${i}.phone_number`)} />
                  <FieldError id={`${idBase}-buttons.${i}.phone_number-e`} errors={err(`buttons.${i}.phone_number`)} />
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
      <FieldError id={`${idBase}-buttons-e`} errors={err("buttons")} />
      <div className="mt-2 flex flex-wrap gap-1.5">
        {(["QUICK_REPLY", "URL", "PHONE_NUMBER"] as const).map((type) => (
          <button key={type} type="button" className="btn-secondary h-7 px-2 text-2xs" onClick={() => onChange([...buttons, newButton(type)])} disabled={buttons.length >= LIMITS.buttons}>
            <Plus className="size-3" aria-hidden />
            {t(`addButton.${type}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
