"use client";

import Link from "next/link";
import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan, useMe } from "@/lib/client/use-me";
import { useWhatsAppErrorText } from "@/lib/client/use-whatsapp-error-text";

/**
 * WhatsApp refuses every send of a number (error 190: the access token expired or was revoked).
 * Every teammate sees it, so nobody keeps typing replies that cannot leave; leads and admins
 * get the way to the fix.
 */
export function ChannelAlertBanner() {
  const { data } = useMe();
  const t = useTranslations("channelAlert");
  const whatsappText = useWhatsAppErrorText();
  const canOpenSettings = useCan("settings:read");
  const alerts = data?.alerts ?? [];
  if (alerts.length === 0) return null;
  const numbers = alerts.map((a) => a.displayPhoneNumber).join(", ");
  return (
    <div role="alert" className="flex shrink-0 items-center gap-2 border-b border-danger/30 bg-danger-soft px-4 py-2 text-ui text-fg">
      <TriangleAlert className="size-4 shrink-0 text-danger" aria-hidden />
      <p className="min-w-0 flex-1">
        <span className="font-medium">{t("cannotSend", { numbers })}</span>{" "}
        <span className="text-fg-2">
          {alerts[0]!.alert.code === 190 ? t("tokenRejected") : whatsappText(alerts[0]!.alert.code, alerts[0]!.alert.message)}
        </span>
      </p>
      {canOpenSettings && (
        <Link href="/settings" className="btn-secondary h-7 shrink-0">
          {t("openSettings")}
        </Link>
      )}
    </div>
  );
}
