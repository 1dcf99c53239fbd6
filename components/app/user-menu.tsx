"use client";

import { Check, ChevronDown, Languages, LogOut, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMe } from "@/lib/client/use-me";
import { endSession } from "@/lib/client/sign-out";
import { useUpdateLocale } from "@/lib/client/use-update-locale";
import { useSetAvailability } from "@/lib/client/use-set-availability";
import type { Availability } from "@/lib/client/types";
import { useErrorText } from "@/lib/client/use-error-text";
import type { AppLocale } from "@/i18n/locales";
import { Avatar } from "@/components/ui/avatar";
import { Menu, MenuItem, MenuItemRadio } from "@/components/ui/menu";
import { AvailabilityDot, WithPresence } from "@/components/ui/availability";

const AVAILABILITIES: Availability[] = ["online", "away", "offline"];

// Each language is named in itself, so whoever set the wrong one can still find their own.
const LANGUAGES: { locale: AppLocale; name: string }[] = [
  { locale: "en", name: "English" },
  { locale: "it", name: "Italiano" },
];

export function UserMenu() {
  const { data: me } = useMe();
  const t = useTranslations("userMenu");
  const tRoles = useTranslations("roles");
  const tErrors = useTranslations("errors");
  const tCommon = useTranslations("common");
  const tAvailability = useTranslations("availability");
  const errorText = useErrorText();
  const updateLocale = useUpdateLocale();
  const setAvailability = useSetAvailability();
  const user = me?.user;
  if (!user) return <span className="ml-1 size-7 rounded-full bg-surface-3" aria-hidden />;

  const choose = (locale: AppLocale | null) => {
    if (locale === user.locale) return;
    updateLocale.mutate(locale);
  };
  const choices: { locale: AppLocale | null; name: string; lang?: AppLocale }[] = [
    ...LANGUAGES.map((l) => ({ ...l, lang: l.locale })),
    { locale: null, name: t("browserDefault") },
  ];

  return (
    <div className="relative">
      <Menu
        label={t("label")}
        trigger={(props) => (
          <button
            type="button"
            {...props}
            aria-label={tAvailability("trigger", { name: user.name, status: tAvailability(user.availability) })}
            className="focus-ring ml-1 flex items-center gap-1.5 rounded-ctl py-1 pr-1.5 pl-1 hover:bg-surface-2"
          >
            <WithPresence value={user.availability}>
              <Avatar name={user.name} seed={user.id} size="sm" drawn />
            </WithPresence>
            <span className="hidden max-w-32 truncate text-ui font-medium text-fg-2 md:inline">{user.name}</span>
            <ChevronDown className="hidden size-3.5 text-muted sm:block" aria-hidden />
          </button>
        )}
        className="w-60"
      >
        <>
          <div className="px-2.5 pt-2 pb-2.5">
            <p className="truncate text-ui font-semibold">{user.name}</p>
            <p className="truncate text-2xs text-muted">{user.email}</p>
            <p className="mt-1.5">
              <span className="pill bg-surface-3 text-fg-2">{tRoles(user.role)}</span>
            </p>
          </div>
          <div className="my-1 h-px bg-line" role="separator" />
          <div role="group" aria-labelledby="user-menu-status">
            <p id="user-menu-status" className="px-2.5 pt-1 pb-1 text-2xs font-medium text-muted">
              {tAvailability("status")}
            </p>
            {AVAILABILITIES.map((a) => {
              const checked = user.availability === a;
              return (
                <MenuItemRadio key={a} checked={checked} disabled={setAvailability.isPending} onClick={() => !checked && setAvailability.mutate(a)}>
                  <AvailabilityDot value={a} className="mx-0.5" />
                  <span className="flex-1">{tAvailability(a)}</span>
                  {checked && <Check className="size-4 text-accent-text" aria-hidden />}
                </MenuItemRadio>
              );
            })}
            <p className="px-2.5 pt-0.5 pb-1.5 text-2xs text-muted">{tAvailability("statusHint")}</p>
          </div>
          <div className="my-1 h-px bg-line" role="separator" />
          <div role="group" aria-labelledby="user-menu-language">
            <p id="user-menu-language" className="flex items-center gap-1.5 px-2.5 pt-1 pb-1 text-2xs font-medium text-muted">
              <Languages className="size-3.5" aria-hidden />
              {t("language")}
            </p>
            {choices.map((c) => {
              const checked = (user.locale ?? null) === c.locale;
              return (
                <MenuItemRadio key={c.locale ?? "browser"} checked={checked} disabled={updateLocale.isPending} onClick={() => choose(c.locale)}>
                  <span lang={c.lang} className="flex-1">
                    {c.name}
                  </span>
                  {checked && <Check className="size-4 text-accent-text" aria-hidden />}
                </MenuItemRadio>
              );
            })}
          </div>
          <div className="my-1 h-px bg-line" role="separator" />
          <MenuItem onClick={() => endSession("/login")}>
            <LogOut className="size-4 text-muted" aria-hidden />
            {t("signOut")}
          </MenuItem>
        </>
      </Menu>
      {setAvailability.isError && (
        <div role="alert" className="absolute top-full right-0 z-30 mt-1 flex w-64 items-start gap-2 rounded-ctl border border-danger/25 bg-danger-soft px-3 py-2 text-ui text-danger shadow-pop">
          <p className="flex-1">{errorText(setAvailability.error, tAvailability("failed"))}</p>
          <button type="button" className="btn-icon size-6 text-danger hover:bg-danger/10 hover:text-danger" aria-label={tCommon("dismiss")} onClick={() => setAvailability.reset()}>
            <X className="size-3.5" aria-hidden />
          </button>
        </div>
      )}
      {updateLocale.isError && (
        <div role="alert" className="absolute top-full right-0 z-30 mt-1 flex w-64 items-start gap-2 rounded-ctl border border-danger/25 bg-danger-soft px-3 py-2 text-ui text-danger shadow-pop">
          <p className="flex-1">{errorText(updateLocale.error, tErrors("profile.locale_failed"))}</p>
          <button type="button" className="btn-icon size-6 text-danger hover:bg-danger/10 hover:text-danger" aria-label={tCommon("dismiss")} onClick={() => updateLocale.reset()}>
            <X className="size-3.5" aria-hidden />
          </button>
        </div>
      )}
    </div>
  );
}
