"use client";

import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useRealtime } from "@/lib/client/use-realtime";
import { isTypingTarget } from "@/lib/client/keyboard";
import { TopBar } from "./top-bar";
import { ChannelAlertBanner } from "./channel-alert-banner";

// Loaded the first time someone asks for it (?, or the top bar's keyboard button): every signed-in
// page carries this shell, and the sheet is the one part of it nobody needs to see the page.
const ShortcutsDialog = dynamic(() => import("./shortcuts-dialog").then((m) => m.ShortcutsDialog));

/** The signed-in frame: top bar, the realtime stream (one per tab), and the shortcuts sheet. */
export function AppShell({ children, demo = false }: { children: React.ReactNode; demo?: boolean }) {
  const realtime = useRealtime();
  const t = useTranslations("shell");
  // "never" until first asked for: the sheet's code loads then, and stays mounted so that closing
  // it hands focus back as a <dialog> does.
  const [shortcuts, setShortcuts] = useState<"never" | "open" | "closed">("never");

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      setShortcuts((s) => (s === "open" ? "closed" : "open"));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <a href="#main" className="focus-ring sr-only z-50 rounded-ctl bg-surface px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2">
        {t("skip")}
      </a>
      <TopBar realtime={realtime} demo={demo} onShowShortcuts={() => setShortcuts("open")} />
      <ChannelAlertBanner />
      <main id="main" className="min-h-0 flex-1">
        {children}
      </main>
      {shortcuts !== "never" && <ShortcutsDialog open={shortcuts === "open"} onClose={() => setShortcuts("closed")} />}
    </div>
  );
}
