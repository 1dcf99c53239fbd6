"use client";

import { useEffect, useRef } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { BadgeCheck, Keyboard, Smartphone } from "lucide-react";
import { useCan, useMe } from "@/lib/client/use-me";
import type { RealtimeState } from "@/lib/client/use-realtime";
import { cn } from "@/lib/client/cn";
import { Logo } from "@/components/ui/logo";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";
import { ConnectionIndicator } from "./connection-indicator";
import { NotificationBell } from "@/components/notifications/notification-bell";

export function TopBar({ realtime, demo = false, onShowShortcuts }: { realtime: RealtimeState; demo?: boolean; onShowShortcuts: () => void }) {
  const pathname = usePathname();
  const t = useTranslations("shell");
  const { data: me } = useMe();
  const canSettings = useCan("settings:read");
  const canTemplates = useCan("template:manage");
  const canPayments = useCan("payment:report");
  const canTeam = useCan("team:manage");
  const tTemplates = useTranslations("templates.manager");
  const tPayments = useTranslations("payments.page");
  const canReports = useCan("report:read");
  const tReports = useTranslations("reports");
  const workspaceName = me?.workspace?.verifiedName || me?.workspace?.name;
  const links = [
    { href: "/inbox", label: t("inbox") },
    ...(canPayments ? [{ href: "/payments", label: tPayments("nav") }] : []),
    ...(canTeam ? [{ href: "/team", label: t("team") }] : []),
    ...(canTemplates ? [{ href: "/templates", label: tTemplates("nav") }] : []),
    ...(canReports ? [{ href: "/reports", label: tReports("nav") }] : []),
    ...(canSettings ? [{ href: "/settings", label: t("settings") }] : []),
  ];

  // On a phone the links overflow the bar and scroll sideways: keep the current page's link in view
  // (on /reports it was scrolled out of sight). "nearest": a visible link, or the page, never moves.
  const navRef = useRef<HTMLElement>(null);
  // A block body: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.
  useEffect(() => {
    navRef.current?.querySelector("[aria-current]")?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname, links.length]);

  return (
    <header className="relative z-20 flex h-12 shrink-0 items-center gap-2 sm:gap-3 border-b border-line bg-surface px-3 sm:px-4">
      <Link href="/inbox" className="focus-ring -ml-1 flex items-center gap-2 rounded-ctl px-1 py-1" aria-label="Sportello">
        <Logo className="size-6" />
        <span className="hidden text-sm font-semibold tracking-tight sm:inline">Sportello</span>
      </Link>

      {workspaceName && (
        <>
          {/* On a phone the links need the room (the name would only show as "Vol…"). */}
          <span className="hidden h-4 w-px bg-line-strong sm:block" aria-hidden />
          <div className="hidden min-w-0 items-center gap-1 text-ui font-medium text-fg-2 sm:flex">
            <span className="truncate">{workspaceName}</span>
            {me?.workspace?.verifiedName && (
              <span role="img" aria-label={t("verified")} title={t("verified")} className="inline-flex text-accent-text">
                <BadgeCheck className="size-4" aria-hidden />
              </span>
            )}
          </div>
        </>
      )}

      <nav ref={navRef} aria-label={t("mainNav")} className="ml-2 flex min-w-0 items-center gap-0.5 overflow-x-auto [scrollbar-width:none]">
        {links.map((l) => {
          const active = pathname.startsWith(l.href);
          return (
            <Link
              key={l.href}
              href={l.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "focus-ring rounded-ctl px-1.5 py-1 text-ui font-medium whitespace-nowrap transition-colors sm:px-2.5",
                active ? "bg-surface-3 text-fg" : "text-muted hover:bg-surface-2 hover:text-fg",
              )}
            >
              {l.label}
            </Link>
          );
        })}
      </nav>

      <div className="ml-auto flex shrink-0 items-center gap-1">
        <ConnectionIndicator state={realtime} />
        {/* Demo mode only: chat with the business as a customer, in another tab. */}
        {demo && (
          <Link
            href="/simulator"
            target="_blank"
            className="focus-ring hidden items-center gap-1.5 rounded-ctl px-2 py-1 text-ui font-medium text-muted transition-colors hover:bg-surface-2 hover:text-fg md:inline-flex"
            title={t("simulatorTitle")}
          >
            <Smartphone className="size-4" aria-hidden />
            {t("simulator")}
          </Link>
        )}
        <button type="button" onClick={onShowShortcuts} className="btn-icon hidden sm:inline-flex" aria-label={t("shortcuts")} title={t("shortcutsTitle")}>
          <Keyboard className="size-4" aria-hidden />
        </button>
        <NotificationBell />
        <ThemeToggle />
        <UserMenu />
      </div>
    </header>
  );
}
