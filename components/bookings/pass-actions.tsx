"use client";

import { Download, LoaderCircle, Send } from "lucide-react";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/lib/client/use-error-text";
import { boardingPassUrl, useSendBoardingPass } from "@/lib/client/use-send-boarding-pass";

/**
 * A checked-in passenger's boarding pass: download the PDF, or send it into the chat as a
 * document (WhatsApp shows it with its file name). A refused send says why, right here.
 */
export function PassActions({ conversationId, bookingId, leg, passenger, name }: { conversationId: string; bookingId: string; leg: number; passenger: number; name: string }) {
  const t = useTranslations("bookings");
  const errorText = useErrorText();
  const send = useSendBoardingPass(conversationId);
  return (
    <span className="mt-1 flex flex-wrap items-center gap-1.5">
      <a className="btn btn-ghost h-6 gap-1 px-1.5 text-2xs" href={boardingPassUrl(bookingId, leg, passenger)} download aria-label={t("passDownloadFor", { name })}>
        <Download className="size-3.5" aria-hidden />
        {t("passDownload")}
      </a>
      <button
        type="button"
        className="btn btn-ghost h-6 gap-1 px-1.5 text-2xs"
        aria-label={t("passSendFor", { name })}
        disabled={send.isPending}
        onClick={() => send.mutate({ bookingId, leg, passenger })}
      >
        {send.isPending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <Send className="size-3.5" aria-hidden />}
        {send.isSuccess ? t("passSent") : t("passSend")}
      </button>
      {send.isError && (
        <span role="alert" className="basis-full text-danger">
          {errorText(send.error, t("passSendFailed"))}
        </span>
      )}
    </span>
  );
}
