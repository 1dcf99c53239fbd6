"use client";

import { useMemo, useRef, useState } from "react";
import { Plus, Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { useSnippets, type SnippetView } from "@/lib/client/use-snippets";
import { useErrorText } from "@/lib/client/use-error-text";
import { useFormat } from "@/lib/client/use-format";
import { useNow } from "@/lib/client/use-now";
import { languageAutonym } from "@/lib/client/format";
import { SNIPPET_LANGUAGES } from "@/lib/snippets/schemas";
import { cn } from "@/lib/client/cn";
import { SnippetEditor } from "./snippet-editor";
import { firstLine } from "./snippet-draft";

/** "" every snippet, "any" those offered whatever the customer speaks, else one language exactly. */
type LanguageFilter = "" | "any" | (typeof SNIPPET_LANGUAGES)[number];

function LanguageChip({ language }: { language: SnippetView["language"] }) {
  const t = useTranslations("snippets.manager");
  if (!language) return <span className="text-2xs text-muted">{t("anyLanguage")}</span>;
  return (
    <span className="pill bg-surface-3 text-fg-2" lang={language}>
      {languageAutonym(language)}
    </span>
  );
}

/**
 * The snippet manager (leads and admins): the workspace's canned replies by shortcut, a search and
 * a language filter, and the editor beside the list (the whole screen on a phone).
 */
export function SnippetManager() {
  const t = useTranslations("snippets.manager");
  const errorText = useErrorText();
  const fmt = useFormat();
  const now = useNow(60_000);
  const { data: snippets, isLoading, isError, error } = useSnippets();
  const [language, setLanguage] = useState<LanguageFilter>("");
  const [query, setQuery] = useState("");
  const [editing, setEditing] = useState<"new" | string | null>(null);
  // A new editor per opening (not per save: a created snippet stays in the same editor).
  const [session, setSession] = useState(0);
  const newRef = useRef<HTMLButtonElement>(null);

  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().replace(/^\//, "").split(/\s+/).filter(Boolean);
    return (snippets ?? []).filter((x) => {
      if (language === "any" ? x.language !== null : language && x.language !== language) return false;
      const hay = `/${x.shortcut} ${x.title} ${x.body}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }, [snippets, language, query]);
  const current = editing && editing !== "new" ? (snippets?.find((x) => x.id === editing) ?? null) : null;
  const editorOpen = editing === "new" || !!current;
  const wideOnly = (cls: string) => (editorOpen ? "hidden" : cls);

  const open = (target: "new" | string) => {
    setEditing(target);
    setSession((n) => n + 1);
  };
  const close = () => {
    const was = editing;
    setEditing(null);
    // Back where the lead was: the row they opened, else New.
    requestAnimationFrame(() => (document.querySelector<HTMLElement>(`[data-snippet-row="${was}"]`) ?? newRef.current)?.focus());
  };

  return (
    <div className="flex h-full min-h-0">
      <section aria-labelledby="snp-h" className={cn("flex min-w-0 flex-1 flex-col", editorOpen && "hidden lg:flex")}>
        <div className="border-b border-line bg-surface px-4 py-3 sm:px-6">
          <div className="flex flex-wrap items-center gap-2">
            <h1 id="snp-h" className="text-lg font-semibold tracking-tight">
              {t("title")}
            </h1>
            {snippets && <span className="mr-auto text-2xs text-muted tabular-nums">{t("count", { count: snippets.length })}</span>}
            <button ref={newRef} type="button" className="btn-primary ml-auto" onClick={() => open("new")}>
              <Plus className="size-3.5" aria-hidden />
              {t("new")}
            </button>
          </div>
          <p className="mt-1 max-w-3xl text-ui text-muted">{t("intro")}</p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <label className="relative min-w-48 flex-1">
              <span className="sr-only">{t("search")}</span>
              <Search className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-muted" aria-hidden />
              <input type="search" className="field h-8 pl-8 text-ui" placeholder={t("search")} value={query} onChange={(e) => setQuery(e.target.value)} />
            </label>
            <select aria-label={t("filterLanguage")} className="select-ctl h-8" value={language} onChange={(e) => setLanguage(e.target.value as LanguageFilter)}>
              <option value="">{t("allLanguages")}</option>
              {SNIPPET_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {languageAutonym(l)}
                </option>
              ))}
              <option value="any">{t("anyLanguage")}</option>
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
          {!isLoading && !isError && shown.length === 0 && <p className="m-6 text-muted">{snippets?.length ? t("noMatch") : t("empty")}</p>}
          {shown.length > 0 && (
            <table className="w-full table-fixed text-left text-ui">
              <caption className="sr-only">{t("title")}</caption>
              <thead className="sticky top-0 z-10 bg-surface-2 text-2xs text-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium sm:px-6">
                    {t("col.snippet")}
                  </th>
                  <th scope="col" className={cn("w-36 px-3 py-2 font-medium whitespace-nowrap", wideOnly("hidden sm:table-cell"))}>
                    {t("col.language")}
                  </th>
                  <th scope="col" className={cn("w-32 px-3 py-2 pr-6 font-medium whitespace-nowrap", wideOnly("hidden md:table-cell"))}>
                    {t("col.updated")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line bg-surface">
                {shown.map((x) => (
                  <tr key={x.id} className={cn("hover:bg-surface-2", editing === x.id && "bg-accent-soft/40")}>
                    <td className="px-4 py-2.5 sm:px-6">
                      <button
                        type="button"
                        data-snippet-row={x.id}
                        aria-current={editing === x.id ? "true" : undefined}
                        className="focus-ring -mx-1 flex w-full min-w-0 flex-col rounded px-1 text-left"
                        onClick={() => open(x.id)}
                      >
                        <span className="flex w-full min-w-0 items-center gap-2">
                          <code className="shrink-0 font-mono font-medium text-fg">/{x.shortcut}</code>
                          <span className="truncate text-fg-2">{x.title}</span>
                          {/* Beside the editor, or on a phone, the language rides along in the row. */}
                          <span className={cn("ml-auto shrink-0", !editorOpen && "sm:hidden")}>
                            <LanguageChip language={x.language} />
                          </span>
                        </span>
                        <span className="block w-full truncate text-2xs text-muted">{firstLine(x.body)}</span>
                      </button>
                    </td>
                    <td className={cn("px-3 py-2.5 whitespace-nowrap", wideOnly("hidden sm:table-cell"))}>
                      <LanguageChip language={x.language} />
                    </td>
                    <td className={cn("px-3 py-2.5 pr-6 whitespace-nowrap text-muted", wideOnly("hidden md:table-cell"))} title={fmt.fullDateTime(x.updatedAt)}>
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
        <section aria-label={t("editor")} className="flex min-h-0 w-full flex-col border-l border-line bg-surface lg:w-[600px] lg:shrink-0 xl:w-[760px]">
          <SnippetEditor key={session} snippet={current} onSaved={(saved) => setEditing(saved.id)} onClose={close} />
        </section>
      )}
    </div>
  );
}
