"use client";

import { File, Image as ImageIcon, Mic, Video } from "lucide-react";
import { useTranslations } from "next-intl";
import { useWhatsAppErrorText } from "@/lib/client/use-whatsapp-error-text";
import { mediaLabel } from "@/lib/client/message-summary";
import { adReferral, asContent, flowAnswers, mediaFilename, safeMediaUrl, unsupportedReason, type AdReferral, type PaymentCardRef, type TemplatePayload } from "@/lib/content/message-content";
import { TemplatePreview } from "@/components/templates/template-preview";
import { PaymentCard } from "@/components/payments/payment-card";
import type { MessageDto } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";

export const KIND_ICON: Record<string, typeof File> = {
  image: ImageIcon,
  sticker: ImageIcon,
  video: Video,
  audio: Mic,
  document: File,
};


/** The click-to-WhatsApp ad the customer came from, above their first message. */
function AdCard({ ad }: { ad: AdReferral }) {
  const t = useTranslations("message");
  return (
    <div className="mb-1.5 rounded-lg border border-line bg-surface/70 px-2.5 py-2 text-ui">
      <p className="text-2xs font-medium tracking-wide text-muted uppercase">{ad.sourceType === "post" ? t("fromPost") : t("fromAd")}</p>
      {ad.headline && <p className="mt-0.5 font-medium">{ad.headline}</p>}
      {ad.body && <p className="mt-0.5 text-fg-2">{ad.body}</p>}
      <p className="mt-1 flex gap-3 text-2xs">
        {ad.sourceUrl && (
          <a href={ad.sourceUrl} target="_blank" rel="noopener noreferrer" className="focus-ring rounded text-accent-text underline-offset-2 hover:underline">
            {t("openAd")}
          </a>
        )}
        {ad.mediaUrl && (
          <a href={ad.mediaUrl} target="_blank" rel="noopener noreferrer" className="focus-ring rounded text-accent-text underline-offset-2 hover:underline">
            {ad.mediaKind === "video" ? t("adVideo") : t("adMedia")}
          </a>
        )}
      </p>
    </div>
  );
}

export function MessageBody({ m, contactName }: { m: MessageDto; contactName: string }) {
  const payment = paymentOf(m);
  if (payment) return <PaymentCard m={m} card={payment} />;
  const ad = adReferral(m.payload);
  const body = <MessageContentBody m={m} contactName={contactName} />;
  if (!ad) return body;
  return (
    <div>
      <AdCard ad={ad} />
      {body}
    </div>
  );
}

/** The payment request a message carried (its card), if it is one. */
function paymentOf(m: MessageDto): PaymentCardRef | null {
  if (m.kind !== "interactive" && m.kind !== "template") return null;
  const p = (m.payload as { payment?: unknown } | null)?.payment as PaymentCardRef | undefined;
  return p && typeof p.id === "string" && typeof p.reference === "string" ? p : null;
}

function MessageContentBody({ m, contactName }: { m: MessageDto; contactName: string }) {
  const t = useTranslations("message");
  const tMedia = useTranslations("media");
  const whatsappText = useWhatsAppErrorText();
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
  const answers = m.kind === "interactive" ? flowAnswers(m.payload) : null;
  if (answers) {
    return (
      <div>
        <p className="text-2xs font-medium text-muted">{t("formAnswers")}</p>
        <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
          {answers.map((a) => (
            <div key={a.field} className="contents">
              <dt className="text-fg-2 first-letter:uppercase">{a.field}</dt>
              <dd className="break-words">{a.value}</dd>
            </div>
          ))}
        </dl>
      </div>
    );
  }
  // A template as the customer's WhatsApp shows it (header, formatted body, footer, buttons); one
  // sent before templates were stored rendered falls back to its text.
  const rendered = m.kind === "template" ? (m.payload as TemplatePayload | null)?.rendered : undefined;
  if (rendered) return <TemplatePreview rendered={rendered} className="max-w-none" bubbleClassName="bg-transparent p-0 shadow-none" />;
  if (m.kind === "request_welcome") return <p className="text-muted italic">{t("openedChat")}</p>;
  if (m.kind === "unsupported") {
    const reason = unsupportedReason(m.payload);
    // Meta's words for the code when we know it (in the reader's language), else its own English details.
    const why = reason.code !== null || reason.details ? whatsappText(reason.code, reason.details ?? "") : "";
    const words = [reason.type ? t("unsupportedType", { type: reason.type }) : "", why].filter(Boolean).join(" ");
    return (
      <p className="text-muted italic">
        {t("unsupported")}
        {words && <span className="mt-0.5 block text-2xs not-italic">{words}</span>}
      </p>
    );
  }
  if (m.text) return <p className="break-words whitespace-pre-wrap">{m.text}</p>;
  return <p className="text-muted italic">{t("unknownKind", { kind: m.kind })}</p>;
}
