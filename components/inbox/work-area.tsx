"use client";

import { useState } from "react";
import { useCan, useMe } from "@/lib/client/use-me";
import type { ConversationDetail, ConversationPatch } from "@/lib/client/types";
import type { ReplyWindow } from "@/lib/client/reply-window";
import { AssigneeOnlyNotice } from "./assignee-only-notice";
import { Composer } from "./composer";
import { ComposerTabs, type ComposerMode } from "./composer-tabs";
import { NoteComposer } from "./note-composer";

/**
 * Below the thread: Reply (the composer, or the "only the assignee replies" notice when this
 * conversation is someone else's and the workspace says so) or Note (internal, with @mentions).
 */
export function WorkArea({
  conversationId,
  detail,
  lastInboundAt,
  windowKnown,
  onSent,
  onPatch,
  updating,
}: {
  conversationId: string;
  detail: ConversationDetail | undefined;
  lastInboundAt: string | null;
  windowKnown: boolean;
  onSent: () => void;
  onPatch: (patch: ConversationPatch) => void;
  updating: boolean;
}) {
  const [mode, setMode] = useState<ComposerMode>("reply");
  // "Ask a lead" opens the note with "@", the teammate picker already open.
  const [noteSeed, setNoteSeed] = useState<string | undefined>(undefined);
  const { data: me } = useMe();
  const canTakeOver = useCan("conversation:assign");
  const assignee = detail?.assignee ?? null;
  const blocked = !!me?.workspace?.onlyAssigneeReplies && assignee !== null && assignee.id !== me.user.id;
  const tabs = (
    <ComposerTabs
      mode={mode}
      onMode={(m) => {
        setNoteSeed(undefined);
        setMode(m);
      }}
    />
  );

  if (mode === "note") return <NoteComposer key={noteSeed ?? "note"} conversationId={conversationId} tabs={tabs} initialText={noteSeed} onSent={onSent} />;
  if (blocked && me) {
    return (
      <AssigneeOnlyNotice
        tabs={tabs}
        assigneeName={assignee.name}
        canTakeOver={canTakeOver}
        takingOver={updating}
        onTakeOver={() => onPatch({ assigneeId: me.user.id })}
        onAskLead={() => {
          setNoteSeed("@");
          setMode("note");
        }}
      />
    );
  }
  return (
    <Composer
      conversationId={conversationId}
      lastInboundAt={lastInboundAt}
      window={(detail?.window as ReplyWindow | undefined) ?? null}
      windowKnown={windowKnown}
      onSent={onSent}
      tabs={tabs}
    />
  );
}
