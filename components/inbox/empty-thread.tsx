"use client";

import Link from "next/link";
import { MessagesSquare, SearchX } from "lucide-react";
import { useInbox } from "./inbox-context";

export function NoConversationSelected() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center p-8 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-surface-2 text-subtle">
        <MessagesSquare className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-md font-semibold">Select a conversation</h2>
      <p className="mt-1 max-w-xs text-muted">
        Pick one from the list, or press <kbd className="kbd">j</kbd> to open the first.
      </p>
    </div>
  );
}

export function ConversationNotFound() {
  const { listHref } = useInbox();
  return (
    <div className="flex flex-1 flex-col items-center justify-center p-8 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-surface-2 text-subtle">
        <SearchX className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-md font-semibold">Conversation not found</h2>
      <p className="mt-1 max-w-xs text-muted">It may have been removed, or the link is wrong.</p>
      <Link href={listHref} className="btn-secondary mt-4">
        Back to the list
      </Link>
    </div>
  );
}
