"use client";

import { useMemo, useState } from "react";
import { Plus, RefreshCw, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useAllTemplates, useSyncTemplates, type TemplateView } from "@/lib/client/use-templates";
import { useErrorText } from "@/lib/client/use-error-text";
import { useFormat } from "@/lib/client/use-format";
import { useNow } from "@/lib/client/use-now";
import { languageAutonym } from "@/lib/client/format";
import { cn } from "@/lib/client/cn";
import { TemplateEditor } from "./template-editor";
import { previewLine, templateTitle } from "./template-picker";
import { QualityDot, StatusBadge } from "./template-status";

const STATUS_FILTERS = ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED"] as const;

/**
 * The template manager (leads and admins): every template of the workspace with Meta's status and
 * quality, filters, and the editor beside the list. The list refetches on focus and while a
 * submission waits for review, and a live notice refreshes it when Meta's webhook lands.
 */
export function TemplateManager() {
  const t = useTranslations("templates.manager");
  const tCategory = useTranslations("templates.category");
  const tStatus = useTranslations("templates.status");
  const errorText = useErrorText();
  const fmt = useFormat();
  const now = useNow(60_000);
  const { data: templates, isLoading, isError, error } = useAllTemplates();
  const sync = useSyncTemplates();
  const [status, setStatus] = useState("");
  const [language, setLanguage] = useState("");
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<"new" | string | null>(null);

  const languages = useMemo(() => [...new Set((templates ?? []).map((x) => x.language))].sort(), [templates]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (templates ?? []).filter(
      (x) => (!status || x.status === status) && (!language || x.language === language) && (!q || `${x.name} ${templateTitle(x.name)} ${previewLine(x)}`.toLowerCase().includes(q)),
    );
  }, [templates, status, language, query]);
  const current: TemplateView | null = editing && editing !== "new" ? (templates?.find((x) => x.id === editing) ?? null) : null;
  const editorOpen = editing === "new" || !!current;
  // Beside the editor the list keeps its name and status; the rest waits for the full width.
  const wideOnly = (cls: string) => (editorOpen ? "hidden" : cls);

  return (
    <div className="flex h-full min-h-0">
      <section aria-labelledby="tpl-h" className={cn("flex min-w-0 flex-1 flex-col", editorOpen && "hidden xl:flex")}>
        <div className="border-b border-line bg-surface px-4 py-3 sm:px-6">
          <div className="flex flex-wrap items-center gap-2">
            <h1 id="tpl-h" className="mr-auto text-lg font-semibold tracking-tight">
              {t("title")}
            </h1>
            <button type="button" className="btn-secondary" onClick={() => sync.mutate()} disabled={sync.isPending}>
              <RefreshCw className={cn("size-3.5", sync.isPending && "animate-spin")} aria-hidden />
              {t("sync")}
            </button>
            <button type="button" className="btn-primary" onClick={() => setEditing("new")}>
              <Plus className="size-3.5" aria-hidden />
              {t("new")}
            </button>
          </div>
          <p className="mt-1 text-ui text-muted">{t("intro")}</p>
          {sync.isError && (
            <p role="alert" className="mt-2 text-ui text-danger">
              {errorText(sync.error, t("syncFailed"))}
            </p>
          )}
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <label className="relative min-w-48 flex-1">
              <span className="sr-only">{t("search")}</span>
              <Search className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-muted" aria-hidden />
              <input className="field h-8 pl-8 text-ui" placeholder={t("search")} value={query} onChange={(e) => setQuery(e.target.value)} />
            </label>
            <select aria-label={t("filterStatus")} className="select-ctl h-8" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">{t("allStatuses")}</option>
              {STATUS_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {tStatus(s)}
                </option>
              ))}
            </select>
            <select aria-label={t("filterLanguage")} className="select-ctl h-8" value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{t("allLanguages")}</option>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageAutonym(l)} ({l})
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          {isError && (
            <p role="alert" className="m-6 text-danger">
              {errorText(error, t("loadFailed"))}
            </p>
          )}
          {isLoading && <p className="m-6 text-muted">{t("loading")}</p>}
          {!isLoading && !isError && shown.length === 0 && <p className="m-6 text-muted">{templates?.length ? t("noMatch") : t("empty")}</p>}
          {shown.length > 0 && (
            <table className="w-full text-left text-ui">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="sticky top-0 z-10 bg-surface-2 text-2xs text-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium sm:px-6">
                    {t("col.name")}
                  </th>
                  <th scope="col" className={cn("w-px px-3 py-2 font-medium whitespace-nowrap", wideOnly("hidden md:table-cell"))}>
                    {t("col.category")}
                  </th>
                  <th scope="col" className="w-px px-3 py-2 font-medium whitespace-nowrap">
                    {t("col.status")}
                  </th>
                  <th scope="col" className={cn("w-px px-3 py-2 font-medium whitespace-nowrap", wideOnly("hidden sm:table-cell"))}>
                    {t("col.quality")}
                  </th>
                  <th scope="col" className={cn("w-px px-3 py-2 pr-6 font-medium whitespace-nowrap", wideOnly("hidden lg:table-cell"))}>
                    {t("col.updated")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line bg-surface">
                {shown.map((x) => (
                  <tr key={x.id} className={cn("hover:bg-surface-2", editing === x.id && "bg-accent-soft/40")}>
                    <td className="max-w-0 px-4 py-2.5 sm:px-6">
                      <button type="button" className="focus-ring -mx-1 flex max-w-full flex-col rounded px-1 text-left" onClick={() => setEditing(x.id)}>
                        <span className="flex items-center gap-2">
                          <span className="truncate font-medium text-fg">{templateTitle(x.name)}</span>
                          <span className="pill bg-surface-3 text-fg-2" title={languageAutonym(x.language)}>
                            {x.language}
                          </span>
                        </span>
                        <span className="block w-full truncate text-2xs text-muted">{previewLine(x)}</span>
                      </button>
                    </td>
                    <td className={cn("px-3 py-2.5 whitespace-nowrap text-fg-2", wideOnly("hidden md:table-cell"))}>{tCategory(x.category)}</td>
                    <td className="px-3 py-2.5 whitespace-nowrap">
                      <StatusBadge status={x.status} />
                      {x.status === "REJECTED" && x.rejectionReason && <span className="mt-0.5 block max-w-40 truncate text-2xs text-danger">{x.rejectionReason}</span>}
                    </td>
                    <td className={cn("px-3 py-2.5 whitespace-nowrap", wideOnly("hidden sm:table-cell"))}>
                      <QualityDot quality={x.qualityScore} />
                    </td>
                    <td className={cn("px-3 py-2.5 pr-6 whitespace-nowrap text-muted", wideOnly("hidden lg:table-cell"))} title={fmt.fullDateTime(x.updatedAt)}>
                      {fmt.relativeAgo(x.updatedAt, now)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
      {editorOpen && (
        <section aria-label={t("editor")} className="flex min-h-0 w-full flex-col border-l border-line bg-surface xl:w-[820px] xl:shrink-0">
          <TemplateEditor
            key={editing ?? "none"}
            template={current}
            onDone={(saved) => setEditing(saved ? saved.id : null)}
          />
        </section>
      )}
    </div>
  );
}
