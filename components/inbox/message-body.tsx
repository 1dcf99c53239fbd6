"use client";

import { File, Image as ImageIcon, Mic, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import { mediaLabel } from "@/lib/client/message-summary";
import { asContent, mediaFilename, safeMediaUrl } from "@/lib/content/message-content";
import type { MessageDto } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";

export const KIND_ICON: Record<string, typeof File> = {
  image: ImageIcon,
  sticker: ImageIcon,
  video: Video,
  audio: Mic,
  document: File,
};


export function MessageBody({ m, contactName }: { m: MessageDto; contactName: string }) {
  const t = useTranslations("message");
  const tMedia = useTranslations("media");
  const label = mediaLabel(m, tMedia);
  const Icon = KIND_ICON[m.kind];
  if (label && Icon) {
    // Only a stored file is worth a request; inbound media are fetched from WhatsApp after arrival.
    const url = m.mediaStatus && m.mediaStatus !== "stored" ? null : safeMediaUrl(m.payload);
    const filename = mediaFilename(asContent(m));
    let preview: React.ReactNode = null;
    if (url && (m.kind === "image" || m.kind === "sticker")) {
      preview = (
        <a href={url} target="_blank" rel="noreferrer" className="focus-ring mb-1 block overflow-hidden rounded-lg">
          {/* eslint-disable-next-line @next/next/no-img-element -- authenticated, per-message media: no optimisation */}
          <img
            src={url}
            alt={m.text ? t("imageCaption", { label, caption: m.text }) : m.direction === "inbound" ? t("imageFromCustomer", { label, name: contactName }) : t("imageFromUs", { label })}
            loading="lazy"
            className={cn("block max-h-72 w-auto max-w-full object-contain", m.kind === "sticker" && "max-h-32")}
          />
        </a>
      );
    } else if (url && m.kind === "video") {
      preview = <video controls preload="metadata" src={url} className="mb-1 block max-h-72 max-w-full rounded-lg" aria-label={label} />;
    } else if (url && m.kind === "audio") {
      preview = <audio controls preload="metadata" src={url} className="mb-1 block h-9 max-w-full" aria-label={label} />;
    }
    return (
      <div>
        {preview}
        {(!preview || m.kind === "document") && (
          <p className="flex items-center gap-1.5 text-fg-2">
            <Icon className="size-4 shrink-0 text-muted" aria-hidden />
            {url && m.kind === "document" ? (
              <a href={url} target="_blank" rel="noreferrer" className="focus-ring truncate rounded font-medium text-accent-text underline-offset-2 hover:underline">
                {filename ?? label}
              </a>
            ) : (
              <span className="font-medium">{filename ?? label}</span>
            )}
            {!url && (
              <span className={cn("text-2xs", m.mediaStatus === "failed" ? "text-danger" : "text-muted")}>
                {m.mediaStatus === "pending" ? t("downloading") : m.mediaStatus === "failed" ? t("downloadFailed") : t("notDownloaded")}
              </span>
            )}
          </p>
        )}
        {m.text && <p className="mt-1 break-words whitespace-pre-wrap">{m.text}</p>}
      </div>
    );
  }
  if (m.text) return <p className="break-words whitespace-pre-wrap">{m.text}</p>;
  if (m.kind === "unsupported") return <p className="text-muted italic">{t("unsupported")}</p>;
  return <p className="text-muted italic">{t("unknownKind", { kind: m.kind })}</p>;
}
