"use client";

import { useTranslations } from "next-intl";
import { formatPhone } from "@/lib/client/format";
import { isUsernameOnly, type SimCustomer } from "./store";

/** How the customer is known: their phone number, or "@username · phone hidden". */
export function useIdentityLine(): (c: SimCustomer) => string {
  const t = useTranslations("simulator");
  return (c) => (isUsernameOnly(c) ? t("usernameHidden", { username: c.username ?? "" }) : formatPhone(c.waId));
}
