import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/types";
import { findTemplateOption, renderTemplateBody } from "@/lib/templates/catalog";
import { messageErrors } from "./errors";
import { sendMessage, type SendResult } from "./reply";
import type { TemplateReplyInput } from "./schemas";

/**
 * Sends an approved template. Unlike free text it may go outside the 24-hour window (that is what
 * templates are for). The body parameters are checked as Meta would, so a template that leaves
 * here is one WhatsApp accepts.
 */
export async function createTemplateReply(db: Db, actor: Actor, conversationId: string, input: TemplateReplyInput): Promise<SendResult> {
  const template = findTemplateOption(input.name, input.language);
  if (!template) throw messageErrors.templateUnknown();
  if (input.params.length !== template.params.length) throw messageErrors.templateParamCount(template.params.length, input.params.length);
  return sendMessage(db, {
    actor,
    conversationId,
    clientMessageId: input.clientMessageId,
    prepare: () => ({
      kind: "template",
      text: renderTemplateBody(template, input.params),
      payload: {
        template: {
          name: template.name,
          language: { code: template.language },
          ...(input.params.length ? { components: [{ type: "body", parameters: input.params.map((text) => ({ type: "text", text })) }] } : {}),
        },
      },
    }),
  });
}
