import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { lockConversation } from "@/lib/conversations/mutations";
import { messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError, conflict } from "@/lib/http/errors";
import { findTemplateOption, renderTemplateBody } from "@/lib/templates/catalog";
import { insertOutbound } from "./reply";
import type { TemplateReplyInput } from "./schemas";

/**
 * Stores an approved template for the outbox. Unlike free text it may go outside the 24-hour
 * window (that is what templates are for). The body parameters are checked as Meta would, so a
 * template that leaves here is one WhatsApp accepts.
 */
export async function createTemplateReply(db: Db, actor: Actor, conversationId: string, input: TemplateReplyInput) {
  const template = findTemplateOption(input.name, input.language);
  if (!template) throw new AppError("validation_failed", "This template is not approved for this number.", { name: ["Pick an approved template."] });
  if (input.params.length !== template.params.length) {
    throw new AppError("validation_failed", `This template needs ${template.params.length} value${template.params.length === 1 ? "" : "s"}.`, {
      params: [`Expected ${template.params.length}, got ${input.params.length}.`],
    });
  }
  return db.transaction(async (tx) => {
    const conv = await lockConversation(tx, actor.workspaceId, conversationId);
    if (input.clientMessageId) {
      const [existing] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.clientMessageId, input.clientMessageId)))
        .limit(1);
      if (existing) return { id: existing.id, duplicate: true };
    }
    if (conv.status === "resolved") throw conflict("This conversation is resolved. Reopen it to reply.");
    const payload = {
      template: {
        name: template.name,
        language: { code: template.language },
        ...(input.params.length ? { components: [{ type: "body", parameters: input.params.map((text) => ({ type: "text", text })) }] } : {}),
      },
    };
    const text = renderTemplateBody(template, input.params);
    const id = await insertOutbound(tx, actor, conv, { kind: "template", text, payload, clientMessageId: input.clientMessageId });
    return { id, duplicate: false };
  });
}
