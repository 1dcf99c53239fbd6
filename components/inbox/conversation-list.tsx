"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { CircleCheck, Inbox, LoaderCircle, RotateCw, Search } from "lucide-react";
import { searchHref } from "@/components/search/search-href";
import { useTranslations } from "next-intl";
import { useConversationList } from "@/lib/client/use-conversation-list";
import { useCounts } from "@/lib/client/use-counts";
import { useTeams } from "@/lib/client/use-teams";
import { useNow } from "@/lib/client/use-now";
import { useFormat } from "@/lib/client/use-format";
import { useErrorText } from "@/lib/client/use-error-text";
import type { InboxFilters } from "@/lib/client/inbox-filters";
import type { ViewCounts } from "@/lib/client/types";
import { emptySelection, extendTo, selectedInOrder, toggleRow, type Selection } from "@/lib/client/list-selection";
import { cn } from "@/lib/client/cn";
import { useInbox } from "./inbox-context";
import { ConversationRow } from "./conversation-row";
import type { BulkOutcome } from "./bulk-bar";

// Loaded when the first conversation is ticked: not part of /inbox's first scripts (issue 14).
const BulkBar = dynamic(() => import("./bulk-bar").then((m) => m.BulkBar));

type ViewWords = ReturnType<typeof useTranslations<"views">>;

function titleOf(f: InboxFilters, teamName: string | undefined, t: ViewWords): string {
  const parts: string[] = [];
  if (f.team) parts.push(teamName ?? t("team"));
  if (f.view !== "all" || (!f.team && !f.status)) parts.push(f.view === "all" ? t("allConversations") : t(f.view));
  if (f.status) parts.push(t(f.status));
  return parts.join(" · ");
}

/** The header count, when the counts endpoint knows this exact view. */
function countOf(f: InboxFilters, c: ViewCounts | undefined): number | undefined {
  if (!c) return undefined;
  if (f.team) return f.view === "all" && !f.status ? (c.teams[f.team] ?? 0) : undefined;
  if (f.status) return f.view === "all" ? c.status[f.status] : undefined;
  return c[f.view];
}

type EmptyWords = ReturnType<typeof useTranslations<"list.empty">>;

function emptyCopy(f: InboxFilters, t: EmptyWords): { title: string; body: string } {
  if (f.status === "resolved") return { title: t("resolvedTitle"), body: t("resolvedBody") };
  if (f.status === "snoozed") return { title: t("snoozedTitle"), body: t("snoozedBody") };
  if (f.status === "pending") return { title: t("pendingTitle"), body: t("pendingBody") };
  if (f.view === "mine") return { title: t("mineTitle"), body: t("mineBody") };
  if (f.view === "unassigned") return { title: t("unassignedTitle"), body: t("unassignedBody") };
  if (f.team) return { title: t("openTitle"), body: t("teamBody") };
  return { title: t("openTitle"), body: t("allBody") };
}

export function ConversationList({ className }: { className?: string }) {
  const { filters, selectedId, hrefFor, orderRef } = useInbox();
  const router = useRouter();
  const list = useConversationList(filters);
  const { data: counts } = useCounts();
  const { data: teams } = useTeams();
  const t = useTranslations("list");
  const tViews = useTranslations("views");
  const tCommon = useTranslations("common");
  const fmt = useFormat();
  const errorText = useErrorText();
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const sentinelRef = useRef<HTMLLIElement>(null);
  const { items, hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  useEffect(() => {
    orderRef.current = items.map((i) => i.id);
  }, [items, orderRef]);

  // Ticked rows for a bulk change: per view (another view starts with none).
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  // While a bulk change is in flight its rows may leave the view (live), yet the bar must stay to say how it went.
  const [bulkSent, setBulkSent] = useState(false);
  const viewKey = `${filters.view}|${filters.status}|${filters.team}`;
  const [selectionView, setSelectionView] = useState(viewKey);
  if (selectionView !== viewKey) {
    setSelectionView(viewKey);
    setSelection(emptySelection);
    setOutcome(null);
  }
  const order = useMemo(() => items.map((i) => i.id), [items]);
  const ticked = useMemo(() => selectedInOrder(selection, order), [selection, order]);
  // The rows' order as the list last rendered them (orderRef, kept for j/k): the callback stays stable.
  const onCheck = useCallback(
    (id: string, range: boolean) => {
      setOutcome(null);
      setSelection((sel) => toggleRow(sel, orderRef.current, id, range));
    },
    [orderRef],
  );
  const nameOf = (id: string) => items.find((i) => i.id === id)?.contact.name ?? "";
  useEffect(() => {
    if (outcome?.tone !== "ok") return;
    const timer = setTimeout(() => setOutcome(null), 5000);
    return () => clearTimeout(timer);
  }, [outcome]);

  /** x ticks the focused row; shift+arrow extends the ticks to the next row; Esc clears them. */
  const onListKeyDown = (e: React.KeyboardEvent) => {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    const rowId = (e.target as HTMLElement).closest<HTMLElement>("[data-conversation-row], [data-row-checkbox]");
    const id = rowId?.dataset.conversationRow ?? rowId?.dataset.rowCheckbox;
    if (e.key === "Escape" && ticked.length > 0) {
      e.preventDefault();
      setSelection(emptySelection);
      return;
    }
    if (!id) return;
    if (e.key === "x" && !e.shiftKey) {
      e.preventDefault();
      onCheck(id, false);
    } else if (e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      const next = order[order.indexOf(id) + (e.key === "ArrowDown" ? 1 : -1)];
      if (!next) return;
      e.preventDefault();
      setOutcome(null);
      setSelection((sel) => extendTo(sel, order, id, next));
      const row = document.querySelector<HTMLElement>(`[data-conversation-row="${CSS.escape(next)}"]`);
      row?.focus();
      row?.scrollIntoView({ block: "nearest" });
    }
  };

  // Infinite scroll: load the next page well before the end comes into view.
  useEffect(() => {
    const el = sentinelRef.current;
    if (!el || !hasNextPage) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { root: scrollRef.current, rootMargin: "600px 0px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, items.length]);

  // Keep the open conversation visible when it was opened from elsewhere (a link, j/k).
  useEffect(() => {
    if (!selectedId) return;
    document.querySelector(`[data-conversation-row="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [selectedId]);

  const teamName = filters.team ? teams?.find((t) => t.id === filters.team)?.name : undefined;
  const title = titleOf(filters, teamName, tViews);
  const count = countOf(filters, counts);

  return (
    <section aria-label={t("label")} className={cn("min-h-0 flex-col border-r border-line bg-surface", className)}>
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-line px-4">
        <h1 className="truncate text-sm font-semibold">{title}</h1>
        {count !== undefined && <span className="text-ui text-muted tabular-nums">{fmt.number(count)}</span>}
        {list.isFetching && !list.isPending && <LoaderCircle className="ml-auto size-3.5 animate-spin text-subtle" aria-label={t("refreshing")} />}
        {/* A button, not a link: it opens the search panel over this list (the URL keeps it). */}
        <button
          type="button"
          onClick={() => router.push(searchHref({ q: "" }, selectedId ? `/inbox/${selectedId}` : "/inbox"), { scroll: false })}
          className={cn("btn-icon -mr-2", !(list.isFetching && !list.isPending) && "ml-auto")}
          aria-label={t("search")}
          title={t("searchTitle")}
        >
          <Search className="size-4" aria-hidden />
        </button>
      </header>

      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain" data-conversation-list onKeyDown={onListKeyDown}>
        {list.isPending ? (
          <ListSkeleton />
        ) : list.isError && items.length === 0 ? (
          <div role="alert" className="m-4 rounded-ctl border border-danger/25 bg-danger-soft p-3 text-ui text-danger">
            <p>
              {t("loadFailed")} {errorText(list.error)}
            </p>
            <button type="button" className="btn-secondary mt-2 h-7" onClick={() => void list.refetch()}>
              <RotateCw className="size-3.5" aria-hidden />
              {tCommon("tryAgain")}
            </button>
          </div>
        ) : items.length === 0 ? (
          <EmptyList filters={filters} />
        ) : (
          <ul className="divide-y divide-line/70">
            {items.map((item) => (
              <li key={item.id}>
                <ConversationRow
                  item={item}
                  href={hrefFor(item.id)}
                  selected={item.id === selectedId}
                  checked={selection.ids.has(item.id)}
                  selecting={ticked.length > 0}
                  onCheck={onCheck}
                  now={now}
                  showTeam={!filters.team}
                />
              </li>
            ))}
            {hasNextPage && (
              <li ref={sentinelRef} className="flex h-14 items-center justify-center text-2xs text-muted">
                {isFetchingNextPage ? (
                  <span className="inline-flex items-center gap-2">
                    <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> {t("loadingMore")}
                  </span>
                ) : (
                  <button type="button" className="btn-ghost h-7" onClick={() => void fetchNextPage()}>
                    {t("loadMore")}
                  </button>
                )}
              </li>
            )}
          </ul>
        )}
      </div>
      {(ticked.length > 0 || outcome || bulkSent) && (
        <BulkBar
          ids={ticked}
          nameOf={nameOf}
          outcome={outcome}
          onClear={() => setSelection(emptySelection)}
          onStart={() => setBulkSent(true)}
          onDone={(refused, result) => {
            setBulkSent(false);
            setSelection(refused.length > 0 ? { ids: new Set(refused), anchor: null } : emptySelection);
            setOutcome(result);
          }}
        />
      )}
    </section>
  );
}

function EmptyList({ filters }: { filters: InboxFilters }) {
  const copy = emptyCopy(filters, useTranslations("list.empty"));
  const Icon = filters.view === "mine" && !filters.status ? CircleCheck : Inbox;
  return (
    <div className="flex flex-col items-center px-8 py-16 text-center">
      <div className="grid size-11 place-items-center rounded-full bg-surface-2 text-subtle">
        <Icon className="size-5" aria-hidden />
      </div>
      <p className="mt-3 text-sm font-medium">{copy.title}</p>
      <p className="mt-1 text-ui text-muted">{copy.body}</p>
    </div>
  );
}

function ListSkeleton() {
  const t = useTranslations("list");
  return (
    <div aria-busy="true" aria-label={t("loading")} role="status">
      {Array.from({ length: 9 }, (_, i) => (
        <div key={i} className="flex gap-3 border-b border-line/70 px-4 py-3">
          <div className="size-8 shrink-0 animate-pulse rounded-full bg-surface-3" />
          <div className="flex-1 space-y-2 py-0.5">
            <div className="flex justify-between">
              <div className="h-3 w-32 animate-pulse rounded bg-surface-3" />
              <div className="h-3 w-6 animate-pulse rounded bg-surface-3" />
            </div>
            <div className="h-3 w-52 animate-pulse rounded bg-surface-2" />
            <div className="h-3 w-16 animate-pulse rounded bg-surface-2" />
          </div>
        </div>
      ))}
    </div>
  );
}
