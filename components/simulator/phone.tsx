"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BadgeCheck, Check, CircleAlert, Clock, ExternalLink, FileText, ImageIcon, MapPin, SendHorizontal, ThumbsUp } from "lucide-react";
import { cn } from "@/lib/client/cn";
import { formatPhone } from "@/lib/client/format";
import { customerReads, customerSends, fetchInbox, fetchTemplates, type CustomerMessageInput, type SentRecord } from "./fake-api";
import { renderBusinessMessage, type Action, type Rendered } from "./business-message";
import { addOwnMessage, updateOwnMessage, type OwnMessage, type SimCustomer } from "./store";
import { AttachButton } from "./attach-button";

const POLL_MS = 1500;
const LIKE = "👍";
// Somewhere a traveller plausibly writes from.
const DEMO_LOCATION = { latitude: 41.8003, longitude: 12.2389, name: "Aeroporto di Roma-Fiumicino", address: "Via dell'Aeroporto di Fiumicino, 00054 Fiumicino RM" };

type Item = { side: "business"; at: number; rec: SentRecord; view: Rendered } | { side: "customer"; at: number; msg: OwnMessage };

/** Called from event handlers only: a fresh id and timestamp per message. */
function newLocalMessage(kind: OwnMessage["kind"], text: string, targetId?: string): OwnMessage {
  const now = Date.now();
  return { id: `local-${now}-${Math.random().toString(36).slice(2, 8)}`, at: now, kind, text, status: "sending", ...(targetId ? { targetId } : {}) };
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });

export function Phone({ customer, own, businessName, verified }: { customer: SimCustomer; own: OwnMessage[]; businessName: string; verified: boolean }) {
  const waId = customer.waId;
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
      updateOwnMessage(waId, local.id, ok ? { id: res.id, status: "sent" } : { id: res.id, status: "failed", error: `The app did not accept the webhook (${String(res.webhookStatus)}).` });
    },
    onError: (err, { local }) => updateOwnMessage(waId, local.id, { status: "failed", error: err instanceof Error ? err.message : "Not sent." }),
  });

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
    for (const rec of records) list.push({ side: "business", at: rec.at, rec, view: renderBusinessMessage(rec, templates.data ?? []) });
    for (const msg of own) list.push({ side: "customer", at: msg.at, msg });
    return list.sort((a, b) => a.at - b.at);
  }, [records, own, templates.data]);

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
              <span role="img" aria-label="Verified business" title="Verified business" className="inline-flex">
                <BadgeCheck className="size-4" aria-hidden />
              </span>
            )}
          </h2>
          <p className="text-2xs opacity-80">Business account</p>
        </div>
      </div>

      <div ref={logRef} role="log" aria-label={`Chat with ${businessName}`} aria-live="polite" className="min-h-0 flex-1 space-y-2 overflow-y-auto bg-canvas px-3 py-3">
        <p className="mx-auto w-fit max-w-[85%] rounded-ctl bg-warning-soft px-2.5 py-1.5 text-center text-2xs text-warning">
          Demo chat: messages go to the Sportello inbox through the fake WhatsApp webhook.
        </p>
        {inbox.isError && (
          <p role="alert" className="mx-auto w-fit rounded-ctl bg-danger-soft px-2.5 py-1.5 text-2xs text-danger">
            {inbox.error.message}
          </p>
        )}
        {count === 0 && !inbox.isPending && <p className="pt-8 text-center text-ui text-muted">Say hello to {businessName}.</p>}
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
        {failedReaction && <p className="text-center text-2xs text-danger">A reaction could not be sent.</p>}
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
          aria-label="Share location"
          title="Share location"
          onClick={() => sendAs("location", `📍 ${DEMO_LOCATION.name}`, { type: "location", location: DEMO_LOCATION })}
        >
          <MapPin className="size-4" aria-hidden />
        </button>
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-label="Message"
          placeholder="Message"
          autoComplete="off"
          maxLength={4096}
          className="focus-ring h-9 min-w-0 flex-1 rounded-full border border-line bg-surface-2 px-3.5 text-sm placeholder:text-subtle"
        />
        <button type="submit" className="btn-primary size-9 shrink-0 rounded-full px-0" aria-label="Send" title="Send" disabled={!draft.trim()}>
          <SendHorizontal className="size-4" aria-hidden />
        </button>
      </form>
      <p className="sr-only" aria-live="polite">
        Chatting as {customer.name}, {formatPhone(waId)}
      </p>
    </div>
  );
}

function BusinessBubble({
  rec,
  view,
  myReaction,
  onAction,
  onReact,
  busy,
}: {
  rec: SentRecord;
  view: Rendered;
  myReaction: string | undefined;
  onAction: (a: Extract<Action, { kind: "reply" }>) => void;
  onReact: () => void;
  busy: boolean;
}) {
  const liked = myReaction === LIKE;
  return (
    <div className="group flex items-end gap-1.5">
      <div className={cn("relative max-w-[80%] rounded-card rounded-bl-sm border border-line bg-surface px-3 py-2 shadow-xs", myReaction && "mb-3")}>
        {view.attachment && (
          <div className="mb-1.5 flex items-center gap-2 rounded-ctl bg-surface-2 px-2.5 py-2 text-ui text-fg-2">
            {view.attachment.kind === "image" || view.attachment.kind === "sticker" ? <ImageIcon className="size-4 shrink-0" aria-hidden /> : <FileText className="size-4 shrink-0" aria-hidden />}
            {view.attachment.url ? (
              <a href={view.attachment.url} target="_blank" rel="noreferrer" className="focus-ring truncate rounded-sm underline-offset-2 hover:underline">
                {view.attachment.name}
              </a>
            ) : (
              <span className="truncate">{view.attachment.name}</span>
            )}
          </div>
        )}
        {view.header && <p className="text-sm font-semibold">{view.header}</p>}
        {view.body && <p className="text-sm break-words whitespace-pre-wrap">{view.body}</p>}
        {view.footer && <p className="mt-1 text-2xs text-muted">{view.footer}</p>}
        <p className="mt-0.5 text-right text-2xs text-subtle">{time(rec.at)}</p>
        {view.actions.length > 0 && (
          <div className="-mx-3 mt-1.5 -mb-2 divide-y divide-line border-t border-line">
            {view.actions.map((a) =>
              a.kind === "link" ? (
                <a
                  key={a.label}
                  href={a.url}
                  target="_blank"
                  rel="noreferrer"
                  className="focus-ring flex h-9 items-center justify-center gap-1.5 text-ui font-medium text-accent-text hover:bg-surface-2"
                >
                  <ExternalLink className="size-3.5" aria-hidden />
                  {a.label}
                </a>
              ) : (
                <button
                  key={a.label}
                  type="button"
                  disabled={busy}
                  onClick={() => onAction(a)}
                  className="focus-ring flex h-9 w-full items-center justify-center text-ui font-medium text-accent-text hover:bg-surface-2 disabled:opacity-60"
                >
                  {a.label}
                </button>
              ),
            )}
          </div>
        )}
        {myReaction && (
          <span className="absolute -bottom-3 left-2 rounded-full border border-line bg-surface px-1 text-xs shadow-xs" role="img" aria-label={`You reacted ${myReaction}`}>
            {myReaction}
          </span>
        )}
      </div>
      <button
        type="button"
        onClick={onReact}
        aria-pressed={liked}
        aria-label={liked ? "Remove 👍 reaction" : "React 👍"}
        title={liked ? "Remove reaction" : "React 👍"}
        className={cn(
          "btn-icon size-7 shrink-0 rounded-full opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100",
          liked && "text-accent-text opacity-100",
        )}
      >
        <ThumbsUp className="size-3.5" aria-hidden />
      </button>
    </div>
  );
}

const OWN_STATUS = {
  sending: { label: "Sending", Icon: Clock },
  sent: { label: "Sent", Icon: Check },
  failed: { label: "Not sent", Icon: CircleAlert },
} as const;

function CustomerBubble({ msg, reaction }: { msg: OwnMessage; reaction: string | undefined }) {
  const s = OWN_STATUS[msg.status];
  return (
    <div className="flex flex-col items-end">
      <div className={cn("relative max-w-[80%] rounded-card rounded-br-sm bg-bubble-out px-3 py-2 shadow-xs", reaction && "mb-3")}>
        {msg.kind === "button" && <p className="text-2xs font-medium text-accent-text">Tapped</p>}
        {(msg.kind === "image" || msg.kind === "document") && (
          <p className="flex items-center gap-1 text-2xs font-medium text-accent-text">
            {msg.kind === "image" ? <ImageIcon className="size-3.5" aria-hidden /> : <FileText className="size-3.5" aria-hidden />}
            {msg.kind === "image" ? "Photo" : "Document"}
          </p>
        )}
        {msg.text && <p className="text-sm break-words whitespace-pre-wrap">{msg.text}</p>}
        <p className="mt-0.5 flex items-center justify-end gap-1 text-2xs text-subtle">
          {time(msg.at)}
          <span role="img" aria-label={s.label} title={msg.error ?? s.label} className={cn("inline-flex", msg.status === "failed" && "text-danger")}>
            <s.Icon className="size-3" aria-hidden />
          </span>
        </p>
        {reaction && (
          <span className="absolute -bottom-3 right-2 rounded-full border border-line bg-surface px-1 text-xs shadow-xs" role="img" aria-label={`Business reacted ${reaction}`}>
            {reaction}
          </span>
        )}
      </div>
      {msg.status === "failed" && msg.error && <p className="mt-0.5 max-w-[80%] text-right text-2xs text-danger">{msg.error}</p>}
    </div>
  );
}
