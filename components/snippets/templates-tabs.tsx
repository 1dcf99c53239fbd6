"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { FileText, MessageSquareQuote } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/client/cn";

/** Templates | Snippets: the two halves of what agents send ready-made, one area of the app. */
export function TemplatesTabs() {
  const t = useTranslations("snippets.tabs");
  const pathname = usePathname();
  const tabs = [
    { href: "/templates", label: t("templates"), Icon: FileText, active: pathname === "/templates" },
    { href: "/templates/snippets", label: t("snippets"), Icon: MessageSquareQuote, active: pathname.startsWith("/templates/snippets") },
  ];
  return (
    <nav aria-label={t("label")} className="shrink-0 border-b border-line bg-surface px-2 sm:px-4">
      <ul className="-mb-px flex gap-1">
        {tabs.map(({ href, label, Icon, active }) => (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "focus-ring flex h-10 items-center gap-1.5 border-b-2 px-2.5 text-ui font-medium whitespace-nowrap transition-colors",
                active ? "border-accent text-fg" : "border-transparent text-muted hover:border-line-strong hover:text-fg",
              )}
            >
              <Icon className={cn("size-3.5", active ? "text-accent-text" : "text-muted")} aria-hidden />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
