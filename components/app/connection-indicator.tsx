"use client";

import { useEffect, useState } from "react";
import { WifiOff } from "lucide-react";
import { useTranslations } from "next-intl";
import type { RealtimeState } from "@/lib/client/use-realtime";

/** Says "Reconnecting…" only when live updates have been down for a moment, not on every blip. */
export function ConnectionIndicator({ state }: { state: RealtimeState }) {
  const [down, setDown] = useState(false);
  const t = useTranslations("shell");

  useEffect(() => {
    if (state === "open") {
      const t = setTimeout(() => setDown(false), 0);
      return () => clearTimeout(t);
    }
    const t = setTimeout(() => setDown(true), state === "connecting" ? 6_000 : 2_500);
    return () => clearTimeout(t);
  }, [state]);

  return (
    <div role="status" className="flex items-center">
      {down && (
        <span
          className="mr-1 inline-flex items-center gap-1.5 rounded-full border border-warning/25 bg-warning-soft px-2 py-0.5 text-2xs font-medium text-warning"
          title={t("reconnectingTitle")}
        >
          <WifiOff className="size-3" aria-hidden />
          {t("reconnecting")}
        </span>
      )}
    </div>
  );
}
