"use client";

import { createContext, useContext } from "react";
import type { InboxFilters } from "@/lib/client/inbox-filters";

export type InboxContextValue = {
  filters: InboxFilters;
  /** The filters' query string, without "?" ("" for the default view). */
  query: string;
  selectedId: string | null;
  /** The link to a conversation that keeps the current view. */
  hrefFor: (conversationId: string) => string;
  /** The link back to the list, keeping the current view. */
  listHref: string;
  /** The list registers the ids it shows, in order, for j/k. */
  orderRef: React.RefObject<string[]>;
};

export const InboxContext = createContext<InboxContextValue | null>(null);

export function useInbox(): InboxContextValue {
  const ctx = useContext(InboxContext);
  if (!ctx) throw new Error("useInbox must be used inside the inbox layout");
  return ctx;
}
