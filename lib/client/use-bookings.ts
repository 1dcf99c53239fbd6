"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Booking } from "@/lib/bookings/schemas";
import { api } from "./api";
import { queryKeys } from "./query-keys";

export type { Booking };

/** The bookings of a conversation's customer, newest departure first. Live: a booking change refetches them. */
export function useBookings(conversationId: string) {
  return useQuery({
    queryKey: queryKeys.bookings.ofConversation(conversationId),
    queryFn: ({ signal }) => api<{ items: Booking[] }>(`/api/bookings?conversationId=${encodeURIComponent(conversationId)}`, { signal }),
    select: (d) => d.items,
    staleTime: 60_000,
  });
}

// The booking picked per conversation: client state shared by the contact panel, the template
// composer and payment requests. A conversation absent from the map has made no choice (the
// default applies); null means the agent cleared it.
const picked = new Map<string, string | null>();
const listeners = new Set<() => void>();
let version = 0;

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setPicked(conversationId: string, bookingId: string | null) {
  picked.set(conversationId, bookingId);
  version++;
  for (const l of listeners) l();
}

const getVersion = () => version;

/** A booking still to fly: its next departure after `now`, or null. */
function nextDeparture(b: Booking, now: number): number | null {
  if (b.status === "cancelled" || b.status === "flown") return null;
  const upcoming = b.legs.map((l) => Date.parse(l.departureAt)).filter((t) => t > now);
  return upcoming.length > 0 ? Math.min(...upcoming) : null;
}

/** The default pick: the booking that departs soonest from now, if any is still to fly. */
export function defaultBooking(bookings: readonly Booking[], now = Date.now()): Booking | null {
  let best: Booking | null = null;
  let bestAt = Infinity;
  for (const b of bookings) {
    const at = nextDeparture(b, now);
    if (at !== null && at < bestAt) {
      best = b;
      bestAt = at;
    }
  }
  return best;
}

/**
 * The booking this conversation's templates (and payment requests) draw on: the one the agent
 * picked in the contact panel, else the next departure. `select(null)` clears it.
 */
export function useSelectedBooking(conversationId: string): { booking: Booking | null; select: (bookingId: string | null) => void; isLoading: boolean } {
  const { data, isLoading } = useBookings(conversationId);
  const v = useSyncExternalStore(subscribe, getVersion, getVersion);
  const booking = useMemo(() => {
    void v;
    if (!data) return null;
    const choice = picked.get(conversationId);
    if (choice === null) return null;
    if (choice !== undefined) {
      const hit = data.find((b) => b.id === choice);
      if (hit) return hit;
    }
    return defaultBooking(data);
  }, [data, conversationId, v]);
  const select = useCallback((bookingId: string | null) => setPicked(conversationId, bookingId), [conversationId]);
  return { booking, select, isLoading };
}
