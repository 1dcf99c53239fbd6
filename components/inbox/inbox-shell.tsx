"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import dynamic from "next/dynamic";
import { useParams, useRouter, useSearchParams } from "next/navigation";
import { filtersToQuery, parseFilters, withQuery } from "@/lib/client/inbox-filters";
import { isInOverlay, isTypingTarget } from "@/lib/client/keyboard";
import { cn } from "@/lib/client/cn";
import { InboxContext, type InboxContextValue } from "./inbox-context";
import { ViewsNav } from "./views-nav";
import { ConversationList } from "./conversation-list";
import { searchHref } from "@/components/search/search-href";

// Loaded when a search opens ("/", the list's magnifier, or a ?search= URL, rendered on the server
// then): not part of /inbox's first scripts (issue 14).
const SearchPanel = dynamic(() => import("@/components/search/search-panel").then((m) => m.SearchPanel));

function focusRow(id: string) {
  const row = document.querySelector<HTMLElement>(`[data-conversation-row="${CSS.escape(id)}"]`);
  row?.scrollIntoView({ block: "nearest" });
  row?.focus({ preventScroll: true });
}

/**
 * The inbox's three panes. The list lives here, in the layout, so opening another
 * conversation swaps only the thread pane (`children`) and the list keeps its scroll.
 */
export function InboxShell({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const params = useParams<{ conversationId?: string }>();
  const selectedId = typeof params.conversationId === "string" ? params.conversationId : null;
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const query = filtersToQuery(filters);
  const searching = searchParams?.get("search") != null;
  const orderRef = useRef<string[]>([]);
  // Where j/k last went, ahead of the router: quick repeated presses keep moving.
  const cursorRef = useRef<{ id: string; at: number } | null>(null);
  useEffect(() => {
    if (cursorRef.current?.id === selectedId) cursorRef.current = null;
  }, [selectedId]);

  const hrefFor = useCallback((id: string) => withQuery(`/inbox/${id}`, query), [query]);
  const listHref = withQuery("/inbox", query);

  const value = useMemo<InboxContextValue>(
    () => ({ filters, query, selectedId, hrefFor, listHref, orderRef }),
    [filters, query, selectedId, hrefFor, listHref],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isInOverlay(e.target)) return;
      if (e.key === "Escape") {
        if (isTypingTarget(e.target)) {
          (e.target as HTMLElement).blur();
          return;
        }
        if (selectedId) {
          e.preventDefault();
          router.push(listHref);
          requestAnimationFrame(() => focusRow(selectedId));
        }
        return;
      }
      if (isTypingTarget(e.target)) return;
      if (e.key === "/" && !searching) {
        e.preventDefault();
        router.push(searchHref({ q: "" }, selectedId ? `/inbox/${selectedId}` : "/inbox"));
        return;
      }
      if (e.key === "j" || e.key === "k") {
        const ids = orderRef.current;
        if (ids.length === 0) return;
        e.preventDefault();
        const pending = cursorRef.current && e.timeStamp - cursorRef.current.at < 1500 ? cursorRef.current.id : null;
        const current = pending ?? selectedId;
        const i = current ? ids.indexOf(current) : -1;
        const next = e.key === "j" ? (i < 0 ? 0 : Math.min(i + 1, ids.length - 1)) : i < 0 ? 0 : Math.max(i - 1, 0);
        const id = ids[next];
        if (!id || id === current) return;
        cursorRef.current = { id, at: e.timeStamp };
        // Moving through the list replaces the entry, so Back returns to where you came from.
        if (current) router.replace(hrefFor(id), { scroll: false });
        else router.push(hrefFor(id), { scroll: false });
        const focusInList = document.activeElement === document.body || !!document.activeElement?.closest("[data-conversation-list]");
        requestAnimationFrame(() => {
          if (focusInList) focusRow(id);
          else document.querySelector(`[data-conversation-row="${CSS.escape(id)}"]`)?.scrollIntoView({ block: "nearest" });
        });
        return;
      }
      if (e.key === "r" && selectedId) {
        const box = document.querySelector<HTMLTextAreaElement>("[data-reply-box]");
        if (box) {
          e.preventDefault();
          box.focus();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, selectedId, hrefFor, listHref, searching]);

  return (
    <InboxContext.Provider value={value}>
      <div className="flex h-full min-h-0">
        <ViewsNav className="hidden w-[220px] shrink-0 lg:flex" />
        {searching ? (
          <SearchPanel selectedId={selectedId} className={cn("w-full shrink-0 md:w-[340px]", selectedId ? "hidden md:flex" : "flex")} />
        ) : (
          <ConversationList className={cn("w-full shrink-0 md:w-[340px]", selectedId ? "hidden md:flex" : "flex")} />
        )}
        <div className={cn("min-w-0 flex-1 bg-surface", selectedId ? "flex" : "hidden md:flex")}>{children}</div>
      </div>
    </InboxContext.Provider>
  );
}
