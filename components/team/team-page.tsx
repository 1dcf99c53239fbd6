"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { CircleAlert, CircleCheck, LoaderCircle, RotateCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTeamView } from "@/lib/client/use-team-view";
import { useMoveConversation } from "@/lib/client/use-move-conversation";
import { useErrorText } from "@/lib/client/use-error-text";
import { useNow } from "@/lib/client/use-now";
import { useFormat } from "@/lib/client/use-format";
import type { TeamView } from "@/lib/client/types";
import { cn } from "@/lib/client/cn";
import { AgentRow } from "./agent-row";
import { QueueCard } from "./queue-card";
import { minutesSince, TeamBoardContext, type TeamBoard } from "./drag";

/** /team: the lead's board. Live: every change anyone makes refetches it (lib/client/live-patch.ts). */
export function TeamPage() {
  const t = useTranslations("team");
  const tCommon = useTranslations("common");
  const view = useTeamView();
  const move = useMoveConversation();
  const errorText = useErrorText();
  const now = useNow(30_000);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const agents = view.data?.agents;
  const moveTo = useCallback(
    (id: string, customer: string, toUserId: string) => {
      const name = agents?.find((a) => a.id === toUserId)?.name ?? "";
      move.mutate(
        { id, assigneeId: toUserId },
        {
          onSuccess: () => setNotice({ tone: "ok", text: t("moved", { customer, name }) }),
          onError: (err) => setNotice({ tone: "error", text: errorText(err, t("moveFailed")) }),
        },
      );
    },
    [agents, move, t, errorText],
  );
  const board = useMemo<TeamBoard>(
    () => ({ move: moveTo, agents: (agents ?? []).map((a) => ({ id: a.id, name: a.name, availability: a.availability, open: a.open, capacity: a.capacity })) }),
    [moveTo, agents],
  );

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-[1320px] px-4 py-6 sm:px-6 lg:py-8">
        <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
          <div className="min-w-0 flex-1">
            <h1 className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              {t("title")}
              {view.isFetching && !view.isPending && <LoaderCircle className="size-3.5 animate-spin text-subtle" aria-hidden />}
            </h1>
            <p className="mt-1 max-w-2xl text-muted">{t("intro")}</p>
          </div>
        </div>
        <p role="status" aria-live="polite" className={cn("min-h-5 pt-3 text-ui", notice?.tone === "error" ? "text-danger" : "text-accent-text")}>
          {notice && (
            <span className="inline-flex items-center gap-1.5">
              {notice.tone === "ok" ? <CircleCheck className="size-4" aria-hidden /> : <CircleAlert className="size-4" aria-hidden />}
              {notice.text}
            </span>
          )}
        </p>

        {view.isPending ? (
          <div className="mt-8 grid place-items-center text-muted" role="status" aria-busy="true">
            <LoaderCircle className="size-5 animate-spin" aria-label={t("title")} />
          </div>
        ) : view.isError || !view.data ? (
          <div role="alert" className="mt-6 rounded-ctl border border-danger/25 bg-danger-soft p-3 text-ui text-danger">
            {t("loadFailed")} {errorText(view.error)}
            <button type="button" className="btn-secondary ml-3 h-7" onClick={() => void view.refetch()}>
              <RotateCw className="size-3.5" aria-hidden />
              {tCommon("tryAgain")}
            </button>
          </div>
        ) : (
          <TeamContextProvider board={board}>
            <Summary view={view.data} now={now} />
            <div className="mt-6 grid grid-cols-[minmax(0,1fr)] items-start gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
              <section aria-labelledby="people-h" className="rounded-card border border-line bg-surface shadow-xs">
                <h2 id="people-h" className="flex items-baseline gap-2 border-b border-line px-4 py-3 text-sm font-semibold sm:px-5">
                  {t("people")} <span className="font-normal text-muted tabular-nums">{view.data.agents.length}</span>
                </h2>
                <PeopleHeader />
                <ul className="divide-y divide-line">
                  {view.data.agents.map((a) => (
                    <AgentRow key={a.id} agent={a} now={now} onReleased={(text) => setNotice({ tone: "ok", text })} />
                  ))}
                </ul>
              </section>
              <div className="space-y-4">
                <h2 className="sr-only">{t("queues")}</h2>
                {view.data.teams.map((q) => (
                  <QueueCard key={q.id ?? "none"} queue={q} agents={view.data.agents} now={now} />
                ))}
              </div>
            </div>
          </TeamContextProvider>
        )}
      </div>
    </div>
  );
}

/** Column titles over the people rows (wide screens; on a phone each value says what it is). */
function PeopleHeader() {
  const t = useTranslations("team");
  return (
    <div aria-hidden className="hidden items-center gap-x-4 border-b border-line bg-surface-2/60 px-5 py-1.5 text-2xs font-medium text-muted md:flex">
      <span className="min-w-0 flex-1 basis-56 pl-[30px]">{t("person")}</span>
      <span className="w-40 shrink-0">{t("loadTitle")}</span>
      <span className="w-36 shrink-0">{t("waitTitle")}</span>
      <span className="ml-auto w-[84px] shrink-0">{t("capacity")}</span>
    </div>
  );
}

function TeamContextProvider({ board, children }: { board: TeamBoard; children: React.ReactNode }) {
  return <TeamBoardContext.Provider value={board}>{children}</TeamBoardContext.Provider>;
}

/** The four numbers a lead looks at first. */
function Summary({ view, now }: { view: TeamView; now: Date }) {
  const t = useTranslations("team");
  const fmt = useFormat();
  const online = view.agents.filter((a) => a.availability === "online").length;
  const open = view.agents.reduce((n, a) => n + a.open, 0);
  const waiting = view.agents.reduce((n, a) => n + a.waiting, 0);
  const queued = view.teams.reduce((n, q) => n + (q.autoAssign ? q.queued : 0), 0);
  const oldestWait = view.agents.map((a) => a.oldestWaitingSince).filter((x): x is string => !!x).sort()[0];
  const oldestQueued = view.teams.map((q) => (q.autoAssign ? q.oldestQueuedAt : null)).filter((x): x is string => !!x).sort()[0];
  const stats = [
    { key: "online", value: `${fmt.number(online)}/${fmt.number(view.agents.length)}`, label: t("statOnline"), dot: true },
    { key: "open", value: fmt.number(open), label: t("statOpen") },
    { key: "waiting", value: fmt.number(waiting), label: t("statWaiting"), sub: oldestWait ? t("oldestWait", { duration: fmt.compactDuration(minutesSince(oldestWait, now)) }) : undefined },
    { key: "queued", value: fmt.number(queued), label: t("statQueued"), sub: oldestQueued ? t("oldestQueued", { duration: fmt.compactDuration(minutesSince(oldestQueued, now)) }) : undefined },
  ];
  return (
    <dl className="mt-2 grid grid-cols-2 gap-3 lg:grid-cols-4">
      {stats.map((s) => (
        <div key={s.key} className="rounded-card border border-line bg-surface px-4 py-3 shadow-xs">
          <dt className="flex items-center gap-1.5 text-2xs font-medium text-muted">
            {s.dot && <span className="size-2 rounded-full bg-emerald-500" aria-hidden />}
            {s.label}
          </dt>
          <dd className="mt-1 text-xl font-semibold tracking-tight tabular-nums">{s.value}</dd>
          {s.sub && <dd className="text-2xs text-muted">{s.sub}</dd>}
        </div>
      ))}
    </dl>
  );
}
