"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";

// How a new notification gets attention: a short beep (Web Audio, no file), a desktop
// notification (only once the user allowed it, asked from a click), and the count in the tab title.

const MUTE_KEY = "sportello-notification-sound";
const listeners = new Set<() => void>();

function subscribeMute(cb: () => void) {
  listeners.add(cb);
  const onStorage = (e: StorageEvent) => e.key === MUTE_KEY && cb();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(cb);
    window.removeEventListener("storage", onStorage);
  };
}

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === "off";
  } catch {
    return false;
  }
}

/** Whether the sound is muted (saved in this browser), and the switch. */
export function useMuted(): [boolean, (muted: boolean) => void] {
  const muted = useSyncExternalStore(subscribeMute, readMuted, () => false);
  const set = useCallback((m: boolean) => {
    try {
      if (m) localStorage.setItem(MUTE_KEY, "off");
      else localStorage.removeItem(MUTE_KEY);
    } catch {
      /* no storage: this tab only */
    }
    for (const l of listeners) l();
  }, []);
  return [muted, set];
}

let audio: AudioContext | null = null;

/** Two soft notes, ~0.25 s. Silent when the browser has not allowed audio yet. */
export function beep(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    const ctx = audio;
    void ctx.resume().catch(() => undefined);
    const t = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      const start = t + i * 0.11;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.12, start + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.15);
    }
  } catch {
    /* audio is a courtesy */
  }
}

export type DesktopPermission = NotificationPermission | "unsupported";

function readPermission(): DesktopPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** The desktop-notification permission, and a way to ask for it: call `ask` from a click only. */
export function useDesktopPermission(): [DesktopPermission, () => Promise<void>] {
  const permission = useSyncExternalStore(subscribeMute, readPermission, () => "default" as DesktopPermission);
  const ask = useCallback(async () => {
    if (typeof Notification === "undefined") return;
    await Notification.requestPermission().catch(() => undefined);
    for (const l of listeners) l();
  }, []);
  return [permission, ask];
}

/** A desktop notification when allowed and the tab is not in front; a click brings the tab back. */
export function showDesktop(title: string, body: string, tag: string, onClick: () => void): void {
  if (readPermission() !== "granted" || (document.visibilityState === "visible" && document.hasFocus())) return;
  try {
    const n = new Notification(title, { body, tag, icon: "/icon.svg" });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    /* some browsers only allow it from a service worker */
  }
}

const COUNT_PREFIX = /^\(\d+\)\s/;

/** "(3) Inbox · Sportello": the unread count in front of whatever title the page sets. */
export function useCountInTitle(count: number): void {
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(COUNT_PREFIX, "");
      const want = count > 0 ? `(${count}) ${base}` : base;
      if (document.title !== want) document.title = want;
    };
    apply();
    // Next sets the title again on every navigation: put the count back each time.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(COUNT_PREFIX, "");
    };
  }, [count]);
}
