"use client";

import Link from "next/link";
import { MessagesSquare, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useInbox } from "./inbox-context";

export function NoConversationSelected() {
  const t = useTranslations("emptyThread");
  return (
    <div className="flex flex-1 flex-col items-center justify-center p-8 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-surface-2 text-subtle">
        <MessagesSquare className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-md font-semibold">{t("title")}</h2>
      <p className="mt-1 max-w-xs text-muted">{t.rich("body", { kbd: (chunks) => <kbd className="kbd">{chunks}</kbd> })}</p>
    </div>
  );
}

export function ConversationNotFound() {
  const { listHref } = useInbox();
  const t = useTranslations("emptyThread");
  return (
    <div className="flex flex-1 flex-col items-center justify-center p-8 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-surface-2 text-subtle">
        <SearchX className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-md font-semibold">{t("notFoundTitle")}</h2>
      <p className="mt-1 max-w-xs text-muted">{t("notFoundBody")}</p>
      <Link href={listHref} className="btn-secondary mt-4">
        {t("backToList")}
      </Link>
    </div>
  );
}
