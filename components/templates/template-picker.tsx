"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Search } from "lucide-react";
import { useTranslations } from "next-intl";
import { componentOf, type TemplateView } from "@/lib/templates/model";
import type { SnippetView } from "@/lib/snippets/schemas";
import { plainWhatsAppText } from "@/lib/templates/whatsapp-format";
import { languageAutonym } from "@/lib/client/format";
import { cn } from "@/lib/client/cn";

/** "booking_confirmation" → "Booking confirmation": how people say a template's name. */
export const templateTitle = (name: string) => name.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());

export function previewLine(t: Pick<TemplateView, "components">): string {
  return plainWhatsAppText(componentOf(t.components, "BODY")?.text ?? "").replace(/\s+/g, " ").trim();
}

/** Words a search matches: the name as stored and as said, the language, the category and the body. */
function haystack(t: TemplateView): string {
  return [t.name, templateTitle(t.name), t.language, languageAutonym(t.language), t.category, previewLine(t)].join(" ").toLowerCase();
}

/**
 * A searchable list of templates (combobox): type to filter, arrows to move, Enter to choose,
 * Esc to leave. The search keeps the focus; the active option is announced through
 * aria-activedescendant, as the ARIA combobox pattern asks.
 */
type Entry = { kind: "snippet"; snippet: SnippetView } | { kind: "template"; template: TemplateView };

export function TemplatePicker({
  templates,
  snippets,
  loading,
  initialQuery = "",
  preferredLanguage,
  onPick,
  onPickSnippet,
  onClose,
  autoFocus = true,
}: {
  templates: TemplateView[];
  /** Inside the window: canned replies, listed first; choosing one puts its text in the reply box. */
  snippets?: SnippetView[];
  onPickSnippet?: (s: SnippetView) => void;
  loading?: boolean;
  initialQuery?: string;
  /** The customer's language: its templates come first. */
  preferredLanguage?: string | null;
  onPick: (t: TemplateView) => void;
  onClose?: () => void;
  autoFocus?: boolean;
}) {
  const t = useTranslations("templates.picker");
  const tCategory = useTranslations("templates.category");
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const { snippetItems, templateItems } = useMemo(() => {
    const words = query.toLowerCase().replace(/^\//, "").split(/\s+/).filter(Boolean);
    const lang = preferredLanguage?.slice(0, 2).toLowerCase();
    const sameLang = (l: string | null | undefined) => Number((l ?? "").slice(0, 2) === lang);
    const snippetItems = (snippets ?? [])
      .filter((sn) => {
        const hay = `/${sn.shortcut} ${sn.title} ${sn.body}`.toLowerCase();
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => Number(b.shortcut.startsWith(words[0] ?? "")) - Number(a.shortcut.startsWith(words[0] ?? "")) || sameLang(b.language) - sameLang(a.language) || a.shortcut.localeCompare(b.shortcut))
      // Before any search a few snippets, so the templates stay in view.
      .slice(0, words.length ? undefined : 4);
    const templateItems = templates
      .filter((tpl) => {
        const hay = haystack(tpl);
        return words.every((w) => hay.includes(w));
      })
      .sort((a, b) => sameLang(b.language) - sameLang(a.language) || a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
    return { snippetItems, templateItems };
  }, [templates, snippets, query, preferredLanguage]);
  const items: Entry[] = useMemo(
    () => [...snippetItems.map((snippet) => ({ kind: "snippet" as const, snippet })), ...templateItems.map((template) => ({ kind: "template" as const, template }))],
    [snippetItems, templateItems],
  );
  const choose = (e: Entry) => (e.kind === "template" ? onPick(e.template) : onPickSnippet?.(e.snippet));

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const optionId = (i: number) => `${id}-o${i}`;

  return (
    <div className="rounded-card border border-line-strong bg-surface shadow-xs">
      <div className="flex items-center gap-2 border-b border-line px-3">
        <Search className="size-4 shrink-0 text-muted" aria-hidden />
        <input
          role="combobox"
          aria-label={t("search")}
          aria-expanded
          aria-controls={`${id}-list`}
          aria-activedescendant={items[active] ? optionId(active) : undefined}
          aria-autocomplete="list"
          // Opened on purpose (`/` or the Templates button): the search takes the focus.
          autoFocus={autoFocus}
          value={query}
          placeholder={snippets ? t("placeholderWithSnippets") : t("placeholder")}
          className="h-10 min-w-0 flex-1 bg-transparent text-sm outline-none placeholder:text-subtle"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, items.length - 1));
            } else if (e.key === "ArrowUp") {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === "Home" && e.ctrlKey) {
              setActive(0);
            } else if (e.key === "Enter") {
              e.preventDefault();
              if (items[active]) choose(items[active]!);
            } else if (e.key === "Escape" && onClose) {
              e.preventDefault();
              e.stopPropagation();
              onClose();
            }
          }}
        />
      </div>
      <div id={`${id}-list`} ref={listRef} role="listbox" aria-label={snippets ? t("listWithSnippets") : t("list")} className="max-h-64 overflow-y-auto p-1">
        {loading && <p className="px-3 py-2 text-ui text-muted">{t("loading")}</p>}
        {!loading && items.length === 0 && <p className="px-3 py-2 text-ui text-muted">{templates.length ? t("noMatch") : t("none")}</p>}
        {snippetItems.length > 0 && (
          <div role="group" aria-labelledby={`${id}-gs`}>
            <p id={`${id}-gs`} className="px-2.5 pt-1.5 pb-0.5 text-2xs font-medium tracking-wide text-muted uppercase">
              {t("snippets")}
            </p>
            {snippetItems.map((sn, i) => (
              <div
                key={sn.id}
                id={optionId(i)}
                data-index={i}
                role="option"
                aria-selected={i === active}
                onPointerMove={() => setActive(i)}
                onClick={() => onPickSnippet?.(sn)}
                className={cn("cursor-pointer rounded-[5px] px-2.5 py-1.5", i === active && "bg-surface-2")}
              >
                <span className="flex items-center gap-2">
                  <span className="font-mono text-ui text-accent-text">/{sn.shortcut}</span>
                  <span className="truncate text-ui font-medium text-fg">{sn.title}</span>
                  {sn.language && <span className="pill bg-surface-3 text-fg-2">{sn.language}</span>}
                </span>
                <span className="mt-0.5 block truncate text-2xs text-muted">{sn.body.replace(/\s+/g, " ")}</span>
              </div>
            ))}
          </div>
        )}
        {templateItems.length > 0 && (
          <div role="group" aria-labelledby={snippetItems.length ? `${id}-gt` : undefined} aria-label={snippetItems.length ? undefined : t("list")}>
            {snippetItems.length > 0 && (
              <p id={`${id}-gt`} className="px-2.5 pt-2 pb-0.5 text-2xs font-medium tracking-wide text-muted uppercase">
                {t("list")}
              </p>
            )}
            {templateItems.map((tpl, j) => {
              const i = snippetItems.length + j;
              return (
                <div
                  key={tpl.id}
                  id={optionId(i)}
                  data-index={i}
                  role="option"
                  aria-selected={i === active}
                  onPointerMove={() => setActive(i)}
                  onClick={() => onPick(tpl)}
                  className={cn("cursor-pointer rounded-[5px] px-2.5 py-1.5", i === active && "bg-surface-2")}
                >
                  <span className="flex items-center gap-2">
                    <span className="truncate text-ui font-medium text-fg">{templateTitle(tpl.name)}</span>
                    <span className="pill bg-accent-soft text-accent-soft-fg" title={languageAutonym(tpl.language)}>
                      {tpl.language.replace("_", "-")}
                    </span>
                    <span className="text-2xs text-muted">{tCategory(tpl.category)}</span>
                  </span>
                  <span className="mt-0.5 block truncate text-2xs text-muted">{previewLine(tpl)}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
      <p className="hidden border-t border-line px-3 py-1.5 text-2xs text-muted sm:block">{t.rich("keys", { kbd: (c) => <kbd className="kbd">{c}</kbd> })}</p>
    </div>
  );
}
