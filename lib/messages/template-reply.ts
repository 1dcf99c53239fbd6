import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { findTemplateOption, renderTemplateBody } from "@/lib/templates/catalog";
import { insertOutbound, openReply } from "./reply";
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
    const opened = await openReply(tx, actor, conversationId, input.clientMessageId);
    if (opened.duplicateOf) return { id: opened.duplicateOf, duplicate: true };
    const payload = {
      template: {
        name: template.name,
        language: { code: template.language },
        ...(input.params.length ? { components: [{ type: "body", parameters: input.params.map((text) => ({ type: "text", text })) }] } : {}),
      },
    };
    const text = renderTemplateBody(template, input.params);
    const id = await insertOutbound(tx, actor, opened.conv, { kind: "template", text, payload, clientMessageId: input.clientMessageId });
    return { id, duplicate: false };
  });
}
