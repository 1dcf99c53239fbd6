import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { isPersonalNotice, type LiveChanges, type LiveNotice } from "./frame";

/**
 * Who sees a conversation over the live stream: exactly whom `GET /api/conversations` shows it to.
 * That route needs `conversation:read` and its filters (conversationFilters) scope by workspace
 * only, so today every role that may read sees the whole workspace (the hub is per workspace).
 * If the route ever narrows by role or team, narrow `audienceOf` and `visibleChanges` with it:
 * audience.test.ts compares this rule with what the route's query returns for each demo user.
 * Payment requests ride on the same audience: every role that reads conversations reads their
 * payment requests (`payment:read`, checked in readers.test.ts), as the thread's cards show them.
 */
export function audienceOf(actor: Actor): "workspace" | "none" {
  return can(actor.role, "conversation:read") ? "workspace" : "none";
}

/**
 * A user's own notifications go to that user's streams only: a per-user audience on top of the
 * workspace one. Readers with the same key get the same answer (the hub serialises once per key).
 */
export function audienceKey(actor: Actor, changes: LiveChanges): string {
  const audience = audienceOf(actor);
  return changes.notices.some((n) => isPersonalNotice(n) && n.userId === actor.userId) ? `${audience}:${actor.userId}` : audience;
}

/** What of a batch this reader may see. Readers with the same audienceKey get the same answer. */
export function visibleChanges(actor: Actor, changes: LiveChanges): LiveChanges {
  const mine = (n: LiveNotice) => !isPersonalNotice(n) || n.userId === actor.userId;
  const notices = changes.notices.every(mine) ? changes.notices : changes.notices.filter(mine);
  if (audienceOf(actor) === "workspace") return notices === changes.notices ? changes : { ...changes, notices };
  const hidden = new Set([...changes.conversations.map((c) => c.id), ...changes.details.map((d) => d.id), ...changes.messages.map((m) => m.conversationId)]);
  return { messages: [], conversations: [], details: [], gone: [...new Set([...changes.gone, ...hidden])], notices: notices.filter((n) => n.type !== "viewers.updated"), payments: [] };
}
