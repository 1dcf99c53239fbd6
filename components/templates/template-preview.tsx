"use client";

import { CornerUpLeft, ExternalLink, FileText, Image as ImageIcon, MapPin, Phone, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import type { RenderedTemplateContent } from "@/lib/content/message-content";
import { cn } from "@/lib/client/cn";
import { WhatsAppText } from "./whatsapp-text";

const MEDIA_ICON = { IMAGE: ImageIcon, VIDEO: Video, DOCUMENT: FileText, LOCATION: MapPin } as const;
const BUTTON_ICON = { QUICK_REPLY: CornerUpLeft, URL: ExternalLink, PHONE_NUMBER: Phone } as const;

/**
 * A template message as the customer's WhatsApp shows it: header (text or a file), the body with
 * WhatsApp's formatting, the footer in grey, and the buttons under the bubble. The composer's and
 * the manager's previews and the thread all use it, so what the agent checks is what is stored.
 */
export function TemplatePreview({
  rendered,
  markPlaceholders = false,
  className,
  bubbleClassName,
}: {
  rendered: RenderedTemplateContent;
  /** Highlight `{{name}}` gaps still to fill (previews); the thread shows the text as sent. */
  markPlaceholders?: boolean;
  className?: string;
  bubbleClassName?: string;
}) {
  const t = useTranslations("templates.preview");
  const header = rendered.header;
  const MediaIcon = header && header.format !== "TEXT" ? MEDIA_ICON[header.format] : null;
  return (
    <div className={cn("max-w-[340px] text-sm leading-[1.45]", className)}>
      <div className={cn("rounded-lg bg-bubble-out px-2.5 pt-2 pb-1.5 shadow-xs", bubbleClassName)}>
        {header?.format === "TEXT" && header.text && (
          <p className="mb-1 font-semibold break-words">
            <WhatsAppText text={header.text} markPlaceholders={markPlaceholders} />
          </p>
        )}
        {MediaIcon && (
          <div className={cn("mb-1.5 flex items-center gap-2 rounded-md bg-black/5 px-2.5 dark:bg-white/10", header?.format === "DOCUMENT" ? "py-2" : "h-24 justify-center")}>
            <MediaIcon className={cn("shrink-0 text-muted", header?.format === "DOCUMENT" ? "size-5" : "size-7")} aria-hidden />
            {header?.format === "DOCUMENT" ? (
              <span className="min-w-0">
                <span className="block truncate text-ui font-medium">{header.filename || t("document")}</span>
                <span className="block text-2xs text-muted">PDF</span>
              </span>
            ) : (
              <span className="sr-only">{t(header!.format.toLowerCase() as "image" | "video" | "location")}</span>
            )}
          </div>
        )}
        <p className="break-words">
          <WhatsAppText text={rendered.body} markPlaceholders={markPlaceholders} />
        </p>
        {rendered.footer && <p className="mt-1 text-2xs text-muted">{rendered.footer}</p>}
      </div>
      {rendered.buttons.length > 0 && (
        <ul aria-label={t("buttons")} className="mt-0.5 grid gap-0.5">
          {rendered.buttons.map((b, i) => {
            const Icon = BUTTON_ICON[b.type];
            return (
              <li
                key={i}
                title={b.url}
                className="flex items-center justify-center gap-1.5 rounded-lg bg-bubble-out px-2 py-1.5 text-ui font-medium text-accent-text shadow-xs"
              >
                <Icon className="size-3.5 shrink-0" aria-hidden />
                <span className="truncate">{b.text}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
