"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { useRealtime } from "@/lib/client/use-realtime";
import { isTypingTarget } from "@/lib/client/keyboard";
import { TopBar } from "./top-bar";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { ChannelAlertBanner } from "./channel-alert-banner";

/** The signed-in frame: top bar, the realtime stream (one per tab), and the shortcuts sheet. */
export function AppShell({ children, demo = false }: { children: React.ReactNode; demo?: boolean }) {
  const realtime = useRealtime();
  const t = useTranslations("shell");
  const [shortcutsOpen, setShortcutsOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      setShortcutsOpen((o) => !o);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="flex h-dvh flex-col overflow-hidden">
      <a href="#main" className="focus-ring sr-only z-50 rounded-ctl bg-surface px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2">
        {t("skip")}
      </a>
      <TopBar realtime={realtime} demo={demo} onShowShortcuts={() => setShortcutsOpen(true)} />
      <ChannelAlertBanner />
      <main id="main" className="min-h-0 flex-1">
        {children}
      </main>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}
