"use client";

import { useSyncExternalStore } from "react";

// The simulator's own memory, kept in localStorage: the fake Graph API knows what the business
// sent, not what the customer wrote, so the phone remembers its side of each chat.

/**
 * `waId` is the customer's key at the fake: a phone number, or, for a username-only customer
 * (phone hidden from the business), their business-scoped user id (BSUID, e.g. "IT.1234…").
 */
export type SimCustomer = { waId: string; name: string; preset?: boolean; username?: string };

const PHONE = /^\d{6,15}$/;
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;

/** True for a customer who writes with a username only: Meta withholds the phone number. */
export const isUsernameOnly = (c: SimCustomer) => BSUID.test(c.waId);

/** A fresh BSUID for a username-only customer (called from event handlers only). */
export function newBsuid(): string {
  let digits = "";
  while (digits.length < 20) digits += Math.floor(Math.random() * 1e10).toString().padStart(10, "0");
  return `IT.${digits.slice(0, 20)}`;
}

export type OwnMessage = {
  /** Our temporary id until the fake answers with the wamid. */
  id: string;
  at: number;
  kind: "text" | "button" | "location" | "reaction" | "image" | "document" | "flow";
  text: string;
  /** For reactions: the business message reacted to. */
  targetId?: string;
  status: "sending" | "sent" | "failed";
  error?: string;
  /** The customer edited it (the text is the latest version). */
  edited?: boolean;
  /** The customer deleted it for everyone. */
  deleted?: boolean;
  /** The first message of a chat opened from a click-to-WhatsApp ad: the ad's headline. */
  fromAd?: string;
};

type State = { customers: SimCustomer[]; chats: Record<string, OwnMessage[]> };

export const PRESET_CUSTOMERS: SimCustomer[] = [
  { waId: "393471200001", name: "Sofia Ricci", preset: true },
  { waId: "491701200002", name: "Jonas Becker", preset: true },
  { waId: "33612200003", name: "Amélie Laurent", preset: true },
  { waId: "447700200004", name: "Priya Shah", preset: true },
];

const KEY = "sportello.simulator.v1";
const EMPTY: State = { customers: PRESET_CUSTOMERS, chats: {} };

let state: State = EMPTY;
let loaded = false;
const listeners = new Set<() => void>();

function load() {
  if (loaded || typeof window === "undefined") return;
  loaded = true;
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return;
    const parsed = JSON.parse(raw) as Partial<State>;
    const custom = (parsed.customers ?? []).filter((c) => !c.preset && (PHONE.test(c.waId) || BSUID.test(c.waId)));
    state = { customers: [...PRESET_CUSTOMERS, ...custom], chats: parsed.chats ?? {} };
  } catch {
    state = EMPTY;
  }
}

function set(next: State) {
  state = next;
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ customers: next.customers.filter((c) => !c.preset), chats: next.chats }));
  } catch {
    // Private mode or a full quota: the chat still works for this tab.
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

function snapshot(): State {
  load();
  return state;
}

export function useSimulatorState(): State {
  return useSyncExternalStore(subscribe, snapshot, () => EMPTY);
}

export function addCustomer(c: SimCustomer) {
  load();
  const others = state.customers.filter((x) => x.waId !== c.waId);
  const existing = state.customers.find((x) => x.waId === c.waId);
  set({ ...state, customers: existing?.preset ? state.customers : [...others, { waId: c.waId, name: c.name, ...(c.username ? { username: c.username } : {}) }] });
}

export function removeCustomer(waId: string) {
  load();
  const chats = { ...state.chats };
  delete chats[waId];
  set({ customers: state.customers.filter((c) => c.preset || c.waId !== waId), chats });
}

export function addOwnMessage(waId: string, m: OwnMessage) {
  load();
  set({ ...state, chats: { ...state.chats, [waId]: [...(state.chats[waId] ?? []), m] } });
}

export function updateOwnMessage(waId: string, id: string, patch: Partial<OwnMessage>) {
  load();
  const list = state.chats[waId] ?? [];
  set({ ...state, chats: { ...state.chats, [waId]: list.map((m) => (m.id === id ? { ...m, ...patch } : m)) } });
}
