"use client";

import type { Booking } from "@/lib/bookings/schemas";

/** The booking picked in the contact panel for this conversation: the templates' context. */
export function useTemplateBooking(conversationId: string): Booking | null {
  void conversationId;
  return null;
}
