"use client";

import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { LoaderCircle, Search, SlidersHorizontal, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useLabels } from "@/lib/client/use-labels";
import { useSearch, type SearchFilters, type Segment } from "@/lib/client/use-search";
import { useFormat } from "@/lib/client/use-format";
import { useNow } from "@/lib/client/use-now";
import { useErrorText } from "@/lib/client/use-error-text";
import type { ConversationStatus } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { Avatar } from "@/components/ui/avatar";
import { StatusPill } from "@/components/inbox/badges";
import { FILTER_KEYS, searchHref } from "./search-href";


/** The search state lives in the URL (`?search=…&status=…`), so a result can open beside it. */
function filtersFrom(params: { get(k: string): string | null }): SearchFilters {
  const f: SearchFilters = { q: params.get("search") ?? "" };
  for (const k of FILTER_KEYS) {
    const v = params.get(`s_${k}`);
    if (v) f[k] = v;
  }
  return f;
}

function Snippet({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? (
          <mark key={i} className="rounded-sm bg-warning-soft px-0.5 text-fg">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

export function SearchPanel({ className, selectedId }: { className?: string; selectedId: string | null }) {
  const t = useTranslations("search");
  const tStatus = useTranslations("status");
  const router = useRouter();
  const params = useSearchParams();
  const urlFilters = filtersFrom(params ?? new URLSearchParams());
  const [text, setText] = useState(urlFilters.q);
  const [showFilters, setShowFilters] = useState(FILTER_KEYS.some((k) => urlFilters[k]));
  const inputRef = useRef<HTMLInputElement>(null);
  const fmt = useFormat();
  const now = useNow(60_000);
  const errorText = useErrorText();
  const { data: labels } = useLabels();
  const id = useId();
  const filters = { ...urlFilters, q: text };
  const search = useSearch(urlFilters);
  const focusMessage = params?.get("message");

  useEffect(() => {
    if (!selectedId) inputRef.current?.focus();
    // Only on opening the panel: later the reader is in the results or a thread.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Typing updates the URL a moment after the last key, replacing the entry (Back leaves search).
  useEffect(() => {
    if (text === urlFilters.q) return;
    const timer = setTimeout(() => router.replace(searchHref({ ...urlFilters, q: text }, selectedId ? `/inbox/${selectedId}` : "/inbox"), { scroll: false }), 250);
    return () => clearTimeout(timer);
  }, [text, urlFilters, router, selectedId]);

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string) => {
    const next = { ...filters, [key]: value || undefined };
    router.replace(searchHref(next, selectedId ? `/inbox/${selectedId}` : "/inbox"), { scroll: false });
  };
  const close = () => router.push(selectedId ? `/inbox/${selectedId}` : "/inbox");

  const pages = search.data?.pages ?? [];
  const contacts = pages[0]?.contacts ?? [];
  const hits = pages.flatMap((p) => p.hits);
  const ready = urlFilters.q.trim().length >= 2;

  return (
    <section aria-label={t("label")} className={cn("min-h-0 flex-col border-r border-line bg-surface", className)}>
      <header className="shrink-0 border-b border-line p-2">
        <form
          role="search"
          className="flex items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            router.replace(searchHref(filters, selectedId ? `/inbox/${selectedId}` : "/inbox"), { scroll: false });
          }}
        >
          <div className="relative min-w-0 flex-1">
            <Search className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-subtle" aria-hidden />
            <input
              ref={inputRef}
              type="search"
              className="field h-8 w-full pl-8"
              placeholder={t("placeholder")}
              aria-label={t("input")}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  e.stopPropagation();
                  close();
                }
              }}
            />
          </div>
          <button type="button" className={cn("btn-icon", showFilters && "bg-surface-2 text-fg")} aria-label={t("filters")} aria-expanded={showFilters} aria-controls={`${id}-filters`} onClick={() => setShowFilters((s) => !s)}>
            <SlidersHorizontal className="size-4" aria-hidden />
          </button>
          <button type="button" className="btn-icon" aria-label={t("close")} onClick={close}>
            <X className="size-4" aria-hidden />
          </button>
        </form>
        {showFilters && (
          <div id={`${id}-filters`} className="mt-2 grid grid-cols-2 gap-1.5 text-2xs">
            <label className="flex flex-col gap-0.5 text-muted">
              {t("status")}
              <select className="select-ctl h-7" value={filters.status ?? ""} onChange={(e) => setFilter("status", e.target.value)}>
                <option value="">{t("any")}</option>
                {(["open", "pending", "snoozed", "resolved"] as const).map((s) => (
                  <option key={s} value={s}>
                    {tStatus(s)}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-0.5 text-muted">
              {t("assignee")}
              <select className="select-ctl h-7" value={filters.assignee ?? ""} onChange={(e) => setFilter("assignee", e.target.value)}>
                <option value="">{t("anyone")}</option>
                <option value="me">{t("me")}</option>
                <option value="none">{t("unassigned")}</option>
              </select>
            </label>
            <label className="flex flex-col gap-0.5 text-muted">
              {t("labelFilter")}
              <select className="select-ctl h-7" value={filters.label ?? ""} onChange={(e) => setFilter("label", e.target.value)}>
                <option value="">{t("any")}</option>
                {(labels ?? []).map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
            <div className="grid grid-cols-2 gap-1">
              <label className="flex flex-col gap-0.5 text-muted">
                {t("from")}
                <input type="date" className="field h-7 px-1.5" value={filters.from ?? ""} onChange={(e) => setFilter("from", e.target.value)} />
              </label>
              <label className="flex flex-col gap-0.5 text-muted">
                {t("to")}
                <input type="date" className="field h-7 px-1.5" value={filters.to ?? ""} onChange={(e) => setFilter("to", e.target.value)} />
              </label>
            </div>
          </div>
        )}
      </header>

      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain" aria-live="polite" aria-busy={search.isFetching}>
        {!ready ? (
          <p className="px-6 py-12 text-center text-ui text-muted">{t("hint")}</p>
        ) : search.isPending ? (
          <p className="flex items-center justify-center gap-2 py-12 text-ui text-muted" role="status">
            <LoaderCircle className="size-4 animate-spin" aria-hidden /> {t("searching")}
          </p>
        ) : search.isError ? (
          <p role="alert" className="m-4 rounded-ctl border border-danger/25 bg-danger-soft p-3 text-ui text-danger">
            {errorText(search.error)}
          </p>
        ) : contacts.length === 0 && hits.length === 0 ? (
          <p className="px-6 py-12 text-center text-ui text-muted">{t("noResults", { q: urlFilters.q.trim() })}</p>
        ) : (
          <>
            {contacts.length > 0 && (
              <div>
                <h2 className="px-4 pt-3 pb-1 text-2xs font-semibold tracking-wide text-muted uppercase">{t("customers")}</h2>
                <ul>
                  {contacts.map((c) => (
                    <li key={c.contact.id}>
                      <Link
                        href={searchHref(urlFilters, `/inbox/${c.conversationId}`)}
                        className={cn("focus-ring flex items-center gap-3 px-4 py-2 hover:bg-surface-2", c.conversationId === selectedId && !focusMessage && "bg-accent-soft/70")}
                      >
                        <Avatar name={c.contact.name} seed={c.contact.id} size="sm" />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate text-ui font-medium">{c.contact.name}</span>
                          <span className="block truncate text-2xs text-muted">{c.contact.phone ?? (c.contact.username ? `@${c.contact.username}` : "")}</span>
                        </span>
                        <StatusPill status={c.status as ConversationStatus} />
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {hits.length > 0 && (
              <div>
                <h2 className="px-4 pt-3 pb-1 text-2xs font-semibold tracking-wide text-muted uppercase">{t("messages")}</h2>
                <ul className="divide-y divide-line/70">
                  {hits.map((h) => (
                    <li key={h.messageId}>
                      <Link
                        href={searchHref(urlFilters, `/inbox/${h.conversationId}`, { message: h.messageId })}
                        className={cn("focus-ring block px-4 py-2.5 hover:bg-surface-2", focusMessage === h.messageId && "bg-accent-soft/70")}
                        aria-label={t("hitLabel", { name: h.contact.name, date: fmt.fullDateTime(h.at) })}
                      >
                        <span className="flex items-baseline gap-2">
                          <span className="min-w-0 flex-1 truncate text-ui font-medium">{h.contact.name}</span>
                          <time dateTime={h.at} className="shrink-0 text-2xs text-muted tabular-nums">
                            {fmt.shortRelative(h.at, now)}
                          </time>
                        </span>
                        <span className="mt-0.5 line-clamp-2 text-ui text-fg-2">
                          {h.kind === "note" && <span className="mr-1 font-medium text-warning">{t("note")}</span>}
                          {h.direction === "outbound" && <span className="text-subtle">{h.authorName ? `${h.authorName}: ` : t("you")}</span>}
                          <Snippet segments={h.snippet} />
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
                {search.hasNextPage && (
                  <div className="flex justify-center py-3">
                    <button type="button" className="btn-ghost h-7" disabled={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
                      {search.isFetchingNextPage ? t("searching") : t("more")}
                    </button>
                  </div>
                )}
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
