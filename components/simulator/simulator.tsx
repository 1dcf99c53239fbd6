"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/avatar";
import { Logo } from "@/components/ui/logo";
import { cn } from "@/lib/client/cn";
import { Phone } from "./phone";
import { addCustomer, newBsuid, removeCustomer, useSimulatorState, PRESET_CUSTOMERS, type SimCustomer } from "./store";
import { useIdentityLine } from "./identity";

/** Pick (or invent) a customer on the left, chat with the business as them on the right. */
export function Simulator({ businessName, verified }: { businessName: string; verified: boolean }) {
  const { customers, chats } = useSimulatorState();
  const t = useTranslations("simulator");
  const identityOf = useIdentityLine();
  const [selectedId, setSelectedId] = useState<string>(PRESET_CUSTOMERS[0]!.waId);
  const selected = customers.find((c) => c.waId === selectedId) ?? customers[0]!;

  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-surface px-3 sm:px-4">
        <Logo className="size-6" />
        <h1 className="text-sm font-semibold tracking-tight">{t("title")}</h1>
        <span className="pill bg-warning-soft text-warning">{t("demo")}</span>
        <Link href="/inbox" className="btn-ghost ml-auto">
          {t("openInbox")}
        </Link>
      </header>

      <div className="mx-auto flex w-full max-w-5xl flex-1 flex-col gap-6 p-4 md:flex-row md:items-start md:p-6">
        <aside aria-label={t("customers")} className="w-full shrink-0 space-y-4 md:w-72">
          <section className="rounded-card border border-line bg-surface p-2 shadow-xs">
            <h2 className="px-2 pt-1 pb-2 text-2xs font-semibold tracking-wider text-muted uppercase">{t("chatAs")}</h2>
            <ul className="space-y-0.5">
              {customers.map((c) => {
                const active = c.waId === selected.waId;
                const count = chats[c.waId]?.length ?? 0;
                return (
                  <li key={c.waId} className="group flex items-center gap-1">
                    <button
                      type="button"
                      onClick={() => setSelectedId(c.waId)}
                      aria-pressed={active}
                      aria-label={t("chatAsLabel", { name: c.name, phone: identityOf(c) })}
                      className={cn(
                        "focus-ring flex min-w-0 flex-1 items-center gap-2.5 rounded-ctl px-2 py-1.5 text-left transition-colors",
                        active ? "bg-accent-soft text-accent-soft-fg" : "text-fg-2 hover:bg-surface-2 hover:text-fg",
                      )}
                    >
                      <Avatar name={c.name} seed={c.waId} size="md" />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate text-ui font-medium">{c.name}</span>
                        <span className="block truncate text-2xs text-muted">{identityOf(c)}</span>
                      </span>
                      {count > 0 && <span className="text-2xs text-subtle">{count}</span>}
                    </button>
                    {!c.preset && (
                      <button
                        type="button"
                        className="btn-icon size-7 opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
                        aria-label={t("remove", { name: c.name })}
                        title={t("removeTitle")}
                        onClick={() => {
                          removeCustomer(c.waId);
                          if (active) setSelectedId(PRESET_CUSTOMERS[0]!.waId);
                        }}
                      >
                        <Trash2 className="size-3.5" aria-hidden />
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>

          <NewCustomerForm
            onCreate={(c) => {
              addCustomer(c);
              setSelectedId(c.waId);
            }}
          />

          <p className="px-1 text-2xs leading-relaxed text-muted">
            {t("explainer")}
          </p>
        </aside>

        <section aria-label={t("phoneOf", { name: selected.name })} className="flex flex-1 flex-col items-center gap-2">
          <p className="text-ui text-muted">
            {t.rich("chattingAs", { name: selected.name, phone: identityOf(selected), b: (chunks) => <span className="font-medium text-fg">{chunks}</span> })}
          </p>
          <Phone key={selected.waId} customer={selected} own={chats[selected.waId] ?? []} businessName={businessName} verified={verified} />
        </section>
      </div>
    </div>
  );
}

function NewCustomerForm({ onCreate }: { onCreate: (c: SimCustomer) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [usernameOnly, setUsernameOnly] = useState(false);
  const [username, setUsername] = useState("");
  const [error, setError] = useState<string | null>(null);
  const t = useTranslations("simulator");

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const n = name.trim();
    const digits = phone.replace(/[\s()+.-]/g, "");
    if (!n) return setError(t("nameMissing"));
    if (usernameOnly) {
      // Meta withholds the phone: the business knows this customer by a BSUID and the username.
      const u = username.trim().replace(/^@/, "");
      if (!/^[a-z0-9._]{3,35}$/i.test(u)) return setError(t("usernameInvalid"));
      setError(null);
      onCreate({ waId: newBsuid(), name: n, username: u });
      setName("");
      setUsername("");
      return;
    }
    if (!/^\d{6,15}$/.test(digits)) return setError(t("phoneInvalid"));
    setError(null);
    onCreate({ waId: digits, name: n });
    setName("");
    setPhone("");
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby={`${id}-title`} noValidate className="space-y-3 rounded-card border border-line bg-surface p-3 shadow-xs">
      <h2 id={`${id}-title`} className="text-2xs font-semibold tracking-wider text-muted uppercase">
        {t("newCustomer")}
      </h2>
      <div className="space-y-1">
        <label htmlFor={`${id}-name`} className="text-ui font-medium text-fg-2">
          {t("name")}
        </label>
        <input id={`${id}-name`} className="field" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" maxLength={80} placeholder={t("namePlaceholder")} />
      </div>
      <label className="flex items-start gap-2 text-ui text-fg-2">
        <input type="checkbox" className="mt-0.5 size-4 accent-accent" checked={usernameOnly} onChange={(e) => {
            setUsernameOnly(e.target.checked);
            setError(null);
          }} aria-describedby={`${id}-identity-hint`} />
        <span>
          <span className="font-medium">{t("usernameOnly")}</span>
          <span id={`${id}-identity-hint`} className="block text-2xs text-muted">
            {t("usernameOnlyHint")}
          </span>
        </span>
      </label>
      {usernameOnly ? (
        <div className="space-y-1">
          <label htmlFor={`${id}-username`} className="text-ui font-medium text-fg-2">
            {t("username")}
          </label>
          <input
            id={`${id}-username`}
            className="field font-mono"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="off"
            maxLength={36}
            placeholder="marta_viaggia"
            aria-describedby={`${id}-username-hint`}
            aria-invalid={error ? true : undefined}
          />
          <p id={`${id}-username-hint`} className="text-2xs text-muted">
            {t("usernameHint")}
          </p>
        </div>
      ) : (
        <div className="space-y-1">
          <label htmlFor={`${id}-phone`} className="text-ui font-medium text-fg-2">
            {t("phoneNumber")}
          </label>
          <input
            id={`${id}-phone`}
            className="field font-mono"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            inputMode="numeric"
            autoComplete="off"
            placeholder="393471234567"
            aria-describedby={`${id}-hint`}
            aria-invalid={error ? true : undefined}
          />
          <p id={`${id}-hint`} className="text-2xs text-muted">
            {t("phoneHint")}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-2xs text-danger">
          {error}
        </p>
      )}
      <button type="submit" className="btn-primary w-full">
        <Plus className="size-4" aria-hidden />
        {t("startChat")}
      </button>
    </form>
  );
}
