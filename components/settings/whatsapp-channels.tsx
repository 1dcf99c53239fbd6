"use client";

import { useState } from "react";
import { BadgeCheck, Check, Copy, LoaderCircle, RefreshCw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCan } from "@/lib/client/use-me";
import { useChannels, useRefreshChannel } from "@/lib/client/use-channels";
import { useErrorText } from "@/lib/client/use-error-text";
import { useFormat } from "@/lib/client/use-format";
import { useWhatsAppErrorText } from "@/lib/client/use-whatsapp-error-text";
import { useNow } from "@/lib/client/use-now";
import { cn } from "@/lib/client/cn";
import type { ChannelDto, WhatsAppConnection } from "@/lib/client/types";
import { WelcomeMessage } from "./welcome-message";

const QUALITY = {
  GREEN: { label: "qualityHigh", dot: "bg-emerald-500" },
  YELLOW: { label: "qualityMedium", dot: "bg-amber-500" },
  RED: { label: "qualityLow", dot: "bg-red-500" },
} as const;

const isQuality = (q: string | null): q is keyof typeof QUALITY => !!q && q in QUALITY;

function WebhookStatus({ channel, now }: { channel: ChannelDto; now: Date }) {
  const t = useTranslations("channels");
  const fmt = useFormat();
  const last = channel.lastWebhookAt;
  const ago = last ? fmt.relativeAgo(last, now) : "";
  const view = {
    receiving: { label: t("receiving"), tone: "bg-accent-soft text-accent-soft-fg", dot: "bg-emerald-500", hint: last ? t("lastNotification", { ago }) : "" },
    quiet: { label: t("quiet"), tone: "bg-warning-soft text-warning", dot: "bg-amber-500", hint: last ? t("nothingSince", { ago }) : "" },
    never: { label: t("never"), tone: "bg-surface-3 text-fg-2", dot: "bg-subtle", hint: t("pointWebhook") },
  }[channel.webhook];
  return (
    <div className="flex flex-col items-end gap-1 text-right">
      <span className={cn("pill", view.tone)}>
        <span className={cn("size-1.5 rounded-full", view.dot)} aria-hidden />
        {view.label}
      </span>
      <span className="max-w-64 text-2xs text-muted">{view.hint}</span>
    </div>
  );
}

function ChannelRow({ channel, canManage, now }: { channel: ChannelDto; canManage: boolean; now: Date }) {
  const refresh = useRefreshChannel();
  const t = useTranslations("channels");
  const fmt = useFormat();
  const errorText = useErrorText();
  const whatsappText = useWhatsAppErrorText();
  const quality = isQuality(channel.qualityRating) ? QUALITY[channel.qualityRating] : undefined;
  return (
    <li className="px-5 py-4" aria-labelledby={`channel-${channel.id}`}>
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <p id={`channel-${channel.id}`} className="flex items-center gap-1.5 font-medium">
            <span className="truncate">{channel.verifiedName}</span>
            {channel.verified && (
              <span role="img" aria-label={t("official")} title={t("officialTitle")} className="inline-flex text-accent-text">
                <BadgeCheck className="size-4" aria-hidden />
              </span>
            )}
          </p>
          <p className="mt-0.5 text-ui text-fg-2 tabular-nums">{channel.displayPhoneNumber}</p>
          <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-2xs text-muted">
            <div className="flex flex-wrap gap-x-1">
              <dt>{t("phoneNumberId")}</dt>
              <dd className="font-mono text-fg-2">{channel.phoneNumberId}</dd>
            </div>
            {channel.wabaId && (
              <div className="flex flex-wrap gap-x-1">
                <dt>{t("businessAccount")}</dt>
                <dd className="font-mono text-fg-2">{channel.wabaId}</dd>
              </div>
            )}
            <div className="flex items-center gap-1">
              <dt>{t("quality")}</dt>
              <dd className="inline-flex items-center gap-1 text-fg-2">
                {quality ? (
                  <>
                    <span className={cn("size-1.5 rounded-full", quality.dot)} aria-hidden />
                    {t(quality.label)}
                  </>
                ) : (
                  t("notChecked")
                )}
              </dd>
            </div>
          </dl>
        </div>
        <WebhookStatus channel={channel} now={now} />
      </div>

      {channel.alert && (
        <div role="alert" className="mt-3 flex gap-2 rounded-ctl border border-danger/30 bg-danger-soft px-3 py-2 text-ui text-fg">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden />
          <div>
            <p className="font-medium">{t("blockedSince", { ago: fmt.relativeAgo(channel.alert.at, now) })}</p>
            <p className="mt-0.5 text-fg-2">{whatsappText(channel.alert.code, channel.alert.message)}</p>
          </div>
        </div>
      )}

      <WelcomeMessage channel={channel} canManage={canManage} />

      <div className="mt-3 flex flex-wrap items-center gap-3 text-2xs text-muted">
        {canManage && (
          <button type="button" className="btn-secondary h-7" disabled={refresh.isPending} onClick={() => refresh.mutate(channel.id)}>
            {refresh.isPending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <RefreshCw className="size-3.5" aria-hidden />}
            {t("refresh")}
          </button>
        )}
        <span>{channel.profileCheckedAt ? t("checked", { ago: fmt.relativeAgo(channel.profileCheckedAt, now) }) : t("notCheckedYet")}</span>
        {refresh.isError && (
          <span role="alert" className="text-danger">
            {errorText(refresh.error, t("refreshFailed"))}
          </span>
        )}
      </div>
    </li>
  );
}

function CopyValue({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const t = useTranslations("channels");
  return (
    <span className="flex min-w-0 items-center gap-1">
      <code className="truncate rounded-sm bg-surface-2 px-1.5 py-0.5 font-mono text-2xs text-fg-2">{value}</code>
      <button
        type="button"
        className="btn-icon size-7"
        aria-label={copied ? t("copied", { label }) : t("copy", { label })}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? <Check className="size-3.5 text-accent-text" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
      </button>
    </span>
  );
}

function Secret({ set, demo, name }: { set: boolean; demo: boolean; name: string }) {
  const t = useTranslations("channels");
  if (set) {
    return (
      <span className="inline-flex items-center gap-1 text-fg-2">
        <Check className="size-3.5 text-accent-text" aria-hidden />
        {t("setIn", { name })}
      </span>
    );
  }
  return <span className="text-muted">{demo ? t("notSetDemo") : t("notSet", { name })}</span>;
}

function ConnectionDetails({ connection }: { connection: WhatsAppConnection }) {
  const t = useTranslations("channels");
  const demo = connection.mode === "demo";
  const rows: [string, React.ReactNode][] = [
    [t("webhookUrl"), <CopyValue key="u" value={connection.webhookUrl} label={t("webhookUrlCopy")} />],
    [t("verifyToken"), <Secret key="v" set={connection.secrets.verifyToken} demo={demo} name="WHATSAPP_VERIFY_TOKEN" />],
    [t("appSecret"), <Secret key="a" set={connection.secrets.appSecret} demo={demo} name="WHATSAPP_APP_SECRET" />],
    [t("accessToken"), <Secret key="t" set={connection.secrets.accessToken} demo={demo} name="WHATSAPP_ACCESS_TOKEN" />],
    [t("graphApi"), <span key="g" className="font-mono text-2xs text-fg-2">{connection.graphHost} · {connection.apiVersion}</span>],
  ];
  return (
    <dl className="divide-y divide-line border-t border-line px-5">
      {rows.map(([label, value]) => (
        <div key={label} className="grid items-center gap-x-2 gap-y-0.5 py-2.5 sm:grid-cols-[200px_minmax(0,1fr)]">
          <dt className="text-muted">{label}</dt>
          <dd className="min-w-0 text-ui">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Settings → WhatsApp: each number with its name, badge and webhook health; secrets only as "set". */
export function WhatsAppChannels() {
  const { data, isLoading, isError, error } = useChannels();
  const t = useTranslations("channels");
  const errorText = useErrorText();
  const canManage = useCan("settings:manage");
  const now = useNow(30_000);
  const mode = data?.connection.mode;
  const demo = mode === "demo";
  return (
    <section aria-labelledby="wa-h" className="mt-8 rounded-card border border-line bg-surface">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-5 py-3">
        <h2 id="wa-h" className="text-sm font-semibold">
          {t("title")}
        </h2>
        {data && (
          <span className={cn("pill", demo ? "bg-warning-soft text-warning" : mode === "unconfigured" ? "bg-surface-3 text-fg-2" : "bg-accent-soft text-accent-soft-fg")}>
            {demo ? t("demo") : mode === "unconfigured" ? t("notConnected") : t("live")}
          </span>
        )}
      </div>
      {mode === "unconfigured" && (
        <div className="border-b border-line px-5 py-4">
          <h3 className="font-medium">{t("connectTitle")}</h3>
          <p className="mt-1 text-fg-2">{t("connectIntro")}</p>
          <ol className="mt-3 list-decimal space-y-1.5 pl-5 text-ui text-fg-2">
            <li>{t("connectStep1")}</li>
            <li>{t("connectStep2")}</li>
            <li>{t("connectStep3")}</li>
          </ol>
        </div>
      )}
      {data?.connection.problem && (
        <p role="alert" className="flex items-start gap-2 border-b border-line bg-danger-soft px-5 py-3 text-ui text-fg">
          <TriangleAlert className="mt-0.5 size-4 shrink-0 text-danger" aria-hidden />
          {data.connection.problem}
        </p>
      )}
      {isLoading && <p className="px-5 py-4 text-muted">{t("loading")}</p>}
      {isError && (
        <p role="alert" className="px-5 py-4 text-danger">
          {errorText(error, t("loadFailed"))}
        </p>
      )}
      {data && data.items.length === 0 && mode !== "unconfigured" && (
        <p className="px-5 py-4 text-muted">{t("none")}</p>
      )}
      {data && data.items.length > 0 && (
        <ul className="divide-y divide-line">
          {data.items.map((c) => (
            <ChannelRow key={c.id} channel={c} canManage={canManage} now={now} />
          ))}
        </ul>
      )}
      {data && <ConnectionDetails connection={data.connection} />}
    </section>
  );
}
