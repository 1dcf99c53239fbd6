"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BadgeCheck, ClipboardList, Megaphone, MapPin, Pencil, SendHorizontal, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { customerReads, customerSends, DEMO_AD, FakeApiError, fetchInbox, fetchTemplates, type CustomerMessageInput, type SentRecord } from "./fake-api";
import { renderBusinessMessage, type Action, type Rendered } from "./business-message";
import { addOwnMessage, updateOwnMessage, type OwnMessage, type SimCustomer } from "./store";
import { AttachButton } from "./attach-button";
import { BusinessBubble, CustomerBubble, LIKE } from "./bubbles";
import { FlowSheet, type FlowAnswers } from "./flow-sheet";
import { useIdentityLine } from "./identity";

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
  const identityOf = useIdentityLine();
  const [draft, setDraft] = useState("");
  /** The customer's own text message being edited in the composer. */
  const [editing, setEditing] = useState<OwnMessage | null>(null);
  const [fromAd, setFromAd] = useState(false);
  const [flow, setFlow] = useState<{ token: string; contextId?: string } | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
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
    mutationFn: async ({ input }: { input: CustomerMessageInput; local: OwnMessage }) => customerSends(waId, { profileName: customer.name, ...(customer.username ? { username: customer.username } : {}), ...input }),
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

  // Edits and deletes change a message already in the chat: the bubble changes once the app took the webhook.
  const change = useMutation({
    mutationFn: async ({ input }: { msg: OwnMessage; input: CustomerMessageInput; patch: Partial<OwnMessage> }) =>
      customerSends(waId, { profileName: customer.name, ...(customer.username ? { username: customer.username } : {}), ...input }),
    onMutate: () => setChangeError(null),
    onSuccess: (res, { msg, patch }) => {
      const ok = typeof res.webhookStatus === "number" && res.webhookStatus >= 200 && res.webhookStatus < 300;
      if (ok) updateOwnMessage(waId, msg.id, patch);
      else setChangeError(t("webhookRefused", { status: String(res.webhookStatus) }));
    },
    onError: (err) => setChangeError(fakeErrorText(err)),
  });

  function sendAs(kind: OwnMessage["kind"], text: string, input: CustomerMessageInput, targetId?: string) {
    const local = newLocalMessage(kind, text, targetId);
    // The chat's first message carries the ad it was opened from.
    if (fromAd && own.length === 0 && kind !== "reaction") {
      input = { ...input, referral: DEMO_AD };
      local.fromAd = DEMO_AD.headline;
      setFromAd(false);
    }
    send.mutate({ input, local });
  }

  function startEdit(msg: OwnMessage) {
    setEditing(msg);
    setDraft(msg.text);
  }

  function cancelEdit() {
    setEditing(null);
    setDraft("");
  }

  function remove(msg: OwnMessage) {
    if (editing?.id === msg.id) cancelEdit();
    change.mutate({ msg, input: { type: "revoke", revoke: { original_message_id: msg.id } }, patch: { deleted: true } });
  }

  function answerFlow(answers: FlowAnswers, summary: string) {
    const f = flow;
    setFlow(null);
    if (!f) return;
    sendAs("flow", summary, { type: "interactive", ...(f.contextId ? { contextId: f.contextId } : {}), interactive: { nfm_reply: { name: "flow", body: "Sent", response_json: { flow_token: f.token, ...answers } } } });
  }

  const records = useMemo(() => inbox.data?.data ?? [], [inbox.data]);
  // The fake answers null once the indicator ran out (25 s) or the reply arrived.
  const typing = !!inbox.data?.typingUntil;

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
    if (editing) {
      if (text !== editing.text) change.mutate({ msg: editing, input: { type: "edit", edit: { original_message_id: editing.id, text } }, patch: { text, edited: true } });
      cancelEdit();
      return;
    }
    sendAs("text", text, { type: "text", text });
    setDraft("");
  }

  function onAction(a: Extract<Action, { kind: "reply" | "flow" }>, contextId: string) {
    if (a.kind === "flow") return setFlow({ token: a.flowToken, contextId });
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
          <p className="text-2xs opacity-80" aria-live="polite">{typing ? t("typing") : t("businessAccount")}</p>
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
        {count === 0 && !inbox.isPending && (
          <div className="space-y-3 pt-8 text-center">
            <p className="text-ui text-muted">{t("sayHello", { name: businessName })}</p>
            <label className="mx-auto flex w-fit items-center gap-2 rounded-full border border-line bg-surface px-3 py-1.5 text-ui text-fg-2 shadow-xs">
              <input type="checkbox" className="size-4 accent-accent" checked={fromAd} onChange={(e) => setFromAd(e.target.checked)} />
              <Megaphone className="size-3.5" aria-hidden />
              {t("fromAd")}
            </label>
            {fromAd && <AdCard />}
          </div>
        )}
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
            <CustomerBubble
              key={it.msg.id}
              msg={it.msg}
              reaction={businessReactions.get(it.msg.id)}
              onEdit={() => startEdit(it.msg)}
              onDelete={() => remove(it.msg)}
              busy={change.isPending}
            />
          ),
        )}
        {failedReaction && <p className="text-center text-2xs text-danger">{t("reactionFailed")}</p>}
        {changeError && (
          <p role="alert" className="text-center text-2xs text-danger">
            {t("changeFailed", { reason: changeError })}
          </p>
        )}
      </div>

      {flow && <FlowSheet onSubmit={answerFlow} onCancel={() => setFlow(null)} />}
      {editing && (
        <div className="flex items-center gap-2 border-t border-line bg-surface-2 px-3 py-1.5 text-2xs text-fg-2">
          <Pencil className="size-3.5 shrink-0 text-accent-text" aria-hidden />
          <span className="min-w-0 flex-1 truncate">
            <span className="font-medium">{t("editing")}</span> · {editing.text}
          </span>
          <button type="button" className="btn-icon size-6" aria-label={t("cancelEdit")} title={t("cancelEdit")} onClick={cancelEdit}>
            <X className="size-3.5" aria-hidden />
          </button>
        </div>
      )}

      <form onSubmit={onSubmit} className="relative flex items-center gap-1.5 border-t border-line bg-surface px-2 py-2">
        <AttachButton
          caption={draft}
          onPick={(a) => {
            sendAs(a.kind, a.label, a.input);
            setDraft("");
          }}
        />
        <button type="button" className="btn-icon shrink-0" aria-label={t("fillInForm")} title={t("fillInForm")} aria-expanded={!!flow} onClick={() => setFlow(flow ? null : { token: "demo-rebooking" })}>
          <ClipboardList className="size-4" aria-hidden />
        </button>
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
        <button type="submit" className="btn-primary size-9 shrink-0 rounded-full px-0" aria-label={editing ? t("saveEdit") : t("send")} title={editing ? t("saveEdit") : t("send")} disabled={!draft.trim()}>
          <SendHorizontal className="size-4" aria-hidden />
        </button>
      </form>
      <p className="sr-only" aria-live="polite">
        {t("chattingAsSr", { name: customer.name, phone: identityOf(customer) })}
      </p>
    </div>
  );
}

/** The ad the customer tapped ("Send message" on a click-to-WhatsApp ad), as the chat shows it. */
function AdCard() {
  const t = useTranslations("simulator");
  return (
    <div className="mx-auto w-[85%] rounded-card border border-line bg-surface p-2.5 text-left shadow-xs">
      <p className="text-2xs font-medium tracking-wide text-muted uppercase">{t("adLabel")}</p>
      <p className="text-ui font-semibold">{DEMO_AD.headline}</p>
      <p className="text-2xs text-fg-2">{DEMO_AD.body}</p>
    </div>
  );
}
