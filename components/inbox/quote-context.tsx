"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { useNow } from "@/lib/client/use-now";
import { replyBlockedReason, type ReplyBlock, type ReplyWindow } from "@/lib/client/reply-window";

/** What the composer needs to show and send a quote: a snapshot, so it survives the message scrolling out of the loaded pages. */
export type QuoteTarget = { id: string; author: string; summary: string; kind: string };

type QuoteContextValue = {
  quote: QuoteTarget | null;
  /** Bumped by startQuote: the composer takes the focus only when the agent asked to quote. */
  focusTick: number;
  /** Why quoting is unavailable right now (window closed, resolved), or null. */
  blockedReason: ReplyBlock | null;
  startQuote: (target: QuoteTarget) => void;
  setQuote: React.Dispatch<React.SetStateAction<QuoteTarget | null>>;
};

// Like drafts, a half-started quote survives switching conversations (for this tab's lifetime),
// and being keyed by conversation it can never follow the agent into another thread.
const quotes = new Map<string, QuoteTarget>();

const QuoteContext = createContext<QuoteContextValue | null>(null);

export function QuoteProvider({
  conversationId,
  status,
  window: win,
  lastInboundAt,
  children,
}: {
  conversationId: string;
  status: string | undefined;
  window: ReplyWindow | null;
  lastInboundAt: string | null;
  children: React.ReactNode;
}) {
  // The clock ticks here, not in the thread: only the Reply buttons re-render when the window closes.
  const now = useNow(30_000);
  const blockedReason = replyBlockedReason(status, win, lastInboundAt, now);
  const [quote, setQuote] = useState<QuoteTarget | null>(() => quotes.get(conversationId) ?? null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (quote) quotes.set(conversationId, quote);
    else quotes.delete(conversationId);
  }, [conversationId, quote]);

  const startQuote = useCallback((target: QuoteTarget) => {
    setQuote(target);
    setFocusTick((t) => t + 1);
  }, []);

  const value = useMemo(
    () => ({ quote, focusTick, blockedReason, startQuote, setQuote }),
    [quote, focusTick, blockedReason, startQuote],
  );
  return <QuoteContext.Provider value={value}>{children}</QuoteContext.Provider>;
}

export function useQuote(): QuoteContextValue {
  const ctx = useContext(QuoteContext);
  if (!ctx) throw new Error("useQuote must be used inside a QuoteProvider (the thread)");
  return ctx;
}
