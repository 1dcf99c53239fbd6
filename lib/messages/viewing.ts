import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/types";
import { touchViewer } from "@/lib/presence/viewers";
import { signalTyping, type TypingResult } from "./typing";

/**
 * PUT /api/conversations/:id/viewers: the heartbeat of an open thread. Teammates see who is
 * viewing and typing (lib/presence); typing a reply also shows the customer WhatsApp's "typing…",
 * through the same throttled path as POST /typing (best effort: never fails the heartbeat).
 * The composer does not signal typing for an internal note.
 */
export async function heartbeatThread(
  db: Db,
  { actor, conversationId, typing }: { actor: Actor; conversationId: string; typing: boolean },
): Promise<{ changed: boolean; customerTyping?: TypingResult }> {
  const { changed } = await touchViewer(db, { actor, conversationId, typing });
  // Only when typing starts or is renewed (every ~10 s): WhatsApp's indicator lasts 25 s.
  if (!typing || !changed || !can(actor.role, "conversation:reply")) return { changed };
  const customerTyping = await signalTyping(db, { actor, conversationId }).catch(() => undefined);
  return { changed, customerTyping };
}
