"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BadgeCheck, MapPin, SendHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { formatPhone } from "@/lib/client/format";
import { customerReads, customerSends, FakeApiError, fetchInbox, fetchTemplates, type CustomerMessageInput, type SentRecord } from "./fake-api";
import { renderBusinessMessage, type Action, type Rendered } from "./business-message";
import { addOwnMessage, updateOwnMessage, type OwnMessage, type SimCustomer } from "./store";
import { AttachButton } from "./attach-button";
import { BusinessBubble, CustomerBubble, LIKE } from "./bubbles";

const POLL_MS = 1500;
// Somewhere a traveller plausibly writes from.
const DEMO_LOCATION = { latitude: 41.8003, longitude: 12.2389, name: "Aeroporto di Roma-Fiumicino", address: "Via dell'Aeroporto di Fiumicino, 00054 Fiumicino RM" };

type Item = { side: "business"; at: number; rec: SentRecord; view: Rendered } | { side: "customer"; at: number; msg: OwnMessage };

/** Called from event handlers only: a fresh id and timestamp per message. */
function newLocalMessage(kind: OwnMessage["kind"], text: string, targetId?: string): OwnMessage {
  const now = Date.now();
  return { id: `local-${now}-${Math.random().toString(36).slice(2, 8)}`, at: now, kind, text, status: "sending", ...(targetId ? { targetId } : {}) };
}

export function Phone({ customer, own, businessName, verified }: { customer: SimCustomer; own: OwnMessage[]; businessName: string; verified: boolean }) {
  const waId = customer.waId;
  const t = useTranslations("simulator");
  const [draft, setDraft] = useState("");
  const logRef = useRef<HTMLDivElement>(null);
  const readPosted = useRef(new Set<string>());

  const inbox = useQuery({
    queryKey: ["simulator", "inbox", waId],
    queryFn: () => fetchInbox(waId),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
    retry: 1,
  });
  const templates = useQuery({ queryKey: ["simulator", "templates"], queryFn: fetchTemplates, staleTime: Infinity });

  const send = useMutation({
    mutationFn: async ({ input }: { input: CustomerMessageInput; local: OwnMessage }) => customerSends(waId, { profileName: customer.name, ...input }),
    onMutate: ({ local }) => addOwnMessage(waId, local),
    onSuccess: (res, { local }) => {
      const ok = typeof res.webhookStatus === "number" && res.webhookStatus >= 200 && res.webhookStatus < 300;
      // The reason is kept with the message (in this browser), in the language of the moment.
      updateOwnMessage(waId, local.id, ok ? { id: res.id, status: "sent" } : { id: res.id, status: "failed", error: t("webhookRefused", { status: String(res.webhookStatus) }) });
    },
    onError: (err, { local }) => updateOwnMessage(waId, local.id, { status: "failed", error: fakeErrorText(err) }),
  });

  function fakeErrorText(err: unknown): string {
    if (!(err instanceof FakeApiError)) return t("notSent");
    if (err.message) return err.message;
    return err.kind === "unreachable" ? t("unreachable") : t("fakeAnswered", { status: String(err.status ?? "") });
  }

  function sendAs(kind: OwnMessage["kind"], text: string, input: CustomerMessageInput, targetId?: string) {
    send.mutate({ input, local: newLocalMessage(kind, text, targetId) });
  }

  const records = useMemo(() => inbox.data ?? [], [inbox.data]);

  // The customer is looking at the chat: whatever reached the phone turns read for the agent.
  const unreadKey = records
    .filter((r) => r.status === "sent" || r.status === "delivered")
    .map((r) => `${r.wamid}:${r.status}`)
    .join(",");
  useEffect(() => {
    if (!unreadKey || document.visibilityState !== "visible") return;
    const fresh = unreadKey.split(",").filter((k) => !readPosted.current.has(k));
    if (fresh.length === 0) return;
    for (const k of fresh) readPosted.current.add(k);
    customerReads(waId).catch(() => {
      for (const k of fresh) readPosted.current.delete(k);
    });
  }, [unreadKey, waId]);

  const items = useMemo(() => {
    const list: Item[] = [];
    for (const rec of records) list.push({ side: "business", at: rec.at, rec, view: renderBusinessMessage(rec, templates.data ?? [], (key, values) => t(key, values as never)) });
    for (const msg of own) list.push({ side: "customer", at: msg.at, msg });
    return list.sort((a, b) => a.at - b.at);
  }, [records, own, templates.data, t]);

  // Reactions decorate the message they react to; the latest one wins, an empty emoji removes it.
  const businessReactions = new Map<string, string>();
  const customerReactions = new Map<string, string>();
  for (const it of items) {
    if (it.side === "business" && it.view.reaction) businessReactions.set(it.view.reaction.messageId, it.view.reaction.emoji);
    if (it.side === "customer" && it.msg.kind === "reaction" && it.msg.targetId && it.msg.status !== "failed") customerReactions.set(it.msg.targetId, it.msg.text);
  }
  const bubbles = items.filter((it) => !(it.side === "business" && it.view.reaction) && !(it.side === "customer" && it.msg.kind === "reaction"));
  const failedReaction = items.some((it) => it.side === "customer" && it.msg.kind === "reaction" && it.msg.status === "failed");

  const count = bubbles.length;
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, waId]);

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const text = draft.trim();
    if (!text) return;
    sendAs("text", text, { type: "text", text });
    setDraft("");
  }

  function onAction(a: Extract<Action, { kind: "reply" }>, contextId: string) {
    sendAs("button", a.label, { ...a.input, contextId });
  }

  function react(rec: SentRecord) {
    const current = customerReactions.get(rec.wamid);
    const emoji = current === LIKE ? "" : LIKE;
    sendAs("reaction", emoji, { type: "reaction", reaction: { message_id: rec.wamid, emoji } }, rec.wamid);
  }

  return (
    <div className="flex h-[min(760px,calc(100dvh-7rem))] w-full max-w-[390px] flex-col overflow-hidden rounded-[2.25rem] border-[6px] border-fg/85 bg-surface shadow-pop dark:border-line-strong">
      <div className="flex items-center gap-3 bg-accent px-4 pt-4 pb-3 text-accent-fg">
        <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-full bg-accent-fg/15 text-sm font-semibold">
          {businessName.slice(0, 1).toUpperCase()}
        </span>
        <div className="min-w-0">
          <h2 className="flex items-center gap-1 text-sm leading-tight font-semibold">
            <span className="truncate">{businessName}</span>
            {verified && (
              <span role="img" aria-label={t("verified")} title={t("verified")} className="inline-flex">
                <BadgeCheck className="size-4" aria-hidden />
              </span>
            )}
          </h2>
          <p className="text-2xs opacity-80">{t("businessAccount")}</p>
        </div>
      </div>

      <div ref={logRef} role="log" aria-label={t("chatWith", { name: businessName })} aria-live="polite" className="min-h-0 flex-1 space-y-2 overflow-y-auto bg-canvas px-3 py-3">
        <p className="mx-auto w-fit max-w-[85%] rounded-ctl bg-warning-soft px-2.5 py-1.5 text-center text-2xs text-warning">
          {t("banner")}
        </p>
        {inbox.isError && (
          <p role="alert" className="mx-auto w-fit rounded-ctl bg-danger-soft px-2.5 py-1.5 text-2xs text-danger">
            {fakeErrorText(inbox.error)}
          </p>
        )}
        {count === 0 && !inbox.isPending && <p className="pt-8 text-center text-ui text-muted">{t("sayHello", { name: businessName })}</p>}
        {bubbles.map((it) =>
          it.side === "business" ? (
            <BusinessBubble
              key={it.rec.wamid}
              rec={it.rec}
              view={it.view}
              myReaction={customerReactions.get(it.rec.wamid)}
              onAction={(a) => onAction(a, it.rec.wamid)}
              onReact={() => react(it.rec)}
              busy={send.isPending}
            />
          ) : (
            <CustomerBubble key={it.msg.id} msg={it.msg} reaction={businessReactions.get(it.msg.id)} />
          ),
        )}
        {failedReaction && <p className="text-center text-2xs text-danger">{t("reactionFailed")}</p>}
      </div>

      <form onSubmit={onSubmit} className="relative flex items-center gap-1.5 border-t border-line bg-surface px-2 py-2">
        <AttachButton
          caption={draft}
          onPick={(a) => {
            sendAs(a.kind, a.label, a.input);
            setDraft("");
          }}
        />
        <button
          type="button"
          className="btn-icon shrink-0"
          aria-label={t("shareLocation")}
          title={t("shareLocation")}
          onClick={() => sendAs("location", `📍 ${DEMO_LOCATION.name}`, { type: "location", location: DEMO_LOCATION })}
        >
          <MapPin className="size-4" aria-hidden />
        </button>
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-label={t("message")}
          placeholder={t("message")}
          autoComplete="off"
          maxLength={4096}
          className="focus-ring h-9 min-w-0 flex-1 rounded-full border border-line bg-surface-2 px-3.5 text-sm placeholder:text-subtle"
        />
        <button type="submit" className="btn-primary size-9 shrink-0 rounded-full px-0" aria-label={t("send")} title={t("send")} disabled={!draft.trim()}>
          <SendHorizontal className="size-4" aria-hidden />
        </button>
      </form>
      <p className="sr-only" aria-live="polite">
        {t("chattingAsSr", { name: customer.name, phone: formatPhone(waId) })}
      </p>
    </div>
  );
}
