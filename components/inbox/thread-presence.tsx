"use client";

import { useTranslations } from "next-intl";
import { useThreadViewers, useViewerHeartbeat } from "@/lib/client/use-presence";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/lib/client/cn";

/** A list of names as a sentence: "Sara", "Sara and Luca", "Sara, Luca and 2 others". */
function useNames() {
  const t = useTranslations("presence");
  return (names: string[]) =>
    names.length === 1 ? names[0]! : names.length === 2 ? t("two", { a: names[0]!, b: names[1]! }) : t("many", { a: names[0]!, b: names[1]!, count: names.length - 2 });
}

/**
 * Who else has this thread open, live: an avatar stack with "Sara is viewing" and "Luca is
 * typing…". Mounting it is what tells the others that I am here (the heartbeat).
 */
export function ThreadPresence({ conversationId }: { conversationId: string }) {
  useViewerHeartbeat(conversationId);
  const viewers = useThreadViewers(conversationId);
  const t = useTranslations("presence");
  const names = useNames();
  const typing = viewers.filter((v) => v.typing).map((v) => v.name.split(" ")[0]!);
  const viewing = viewers.filter((v) => !v.typing).map((v) => v.name.split(" ")[0]!);
  const sentence = [typing.length ? t("typing", { names: names(typing), count: typing.length }) : null, viewing.length ? t("viewing", { names: names(viewing), count: viewing.length }) : null]
    .filter(Boolean)
    .join(" · ");
  return (
    // Polite: a colleague arriving is worth hearing about, not worth interrupting for.
    <div role="status" aria-live="polite" className="flex min-w-0 items-center gap-2" data-testid="thread-presence">
      {viewers.length > 0 && (
        <>
          <span className="flex shrink-0 -space-x-1.5">
            {viewers.slice(0, 4).map((v) => (
              <span key={v.userId} className="relative">
                <Avatar name={v.name} seed={v.userId} size="xs" className="ring-2 ring-surface" />
                <span className={cn("absolute -right-0.5 -bottom-0.5 size-2 rounded-full ring-2 ring-surface", v.typing ? "animate-pulse bg-accent" : "bg-emerald-500")} aria-hidden />
              </span>
            ))}
          </span>
          <span className={cn("truncate text-2xs", typing.length ? "font-medium text-accent-text" : "text-muted")}>{sentence}</span>
        </>
      )}
    </div>
  );
}
