"use client";

import { createContext, useContext } from "react";

/** The data type a conversation card carries while dragged (only our cards are accepted). */
export const CARD_MIME = "application/x-sportello-conversation";

export type TeamBoard = {
  /** Hands a conversation to a teammate (a drop, or the "Assign to…" menu). */
  move: (conversationId: string, customer: string, toUserId: string) => void;
  /** The agents, for the menus: id, name, availability, load. */
  agents: { id: string; name: string; availability: "online" | "away" | "offline"; open: number; capacity: number }[];
};

export const TeamBoardContext = createContext<TeamBoard | null>(null);

export function useTeamBoard(): TeamBoard {
  const ctx = useContext(TeamBoardContext);
  if (!ctx) throw new Error("useTeamBoard must be used inside the team page");
  return ctx;
}

/** Minutes between an ISO time and now (never negative). */
export const minutesSince = (iso: string, now: Date) => Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
