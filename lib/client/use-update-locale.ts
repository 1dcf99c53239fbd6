"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AppLocale } from "@/i18n/locales";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import type { Me } from "./types";

/**
 * Saves the UI language (null: follow the browser), then re-renders the server components, which
 * read it per request (i18n/request.ts) and hand the client its new catalog.
 */
export function useUpdateLocale() {
  const client = useQueryClient();
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();
  const mutation = useMutation({
    mutationKey: ["updateLocale"],
    mutationFn: (locale: AppLocale | null) => api<{ locale: AppLocale | null }>("/api/me", { method: "PATCH", body: { locale } }),
    onSuccess: ({ locale }) => {
      client.setQueryData<Me>(queryKeys.me, (me) => (me ? { ...me, user: { ...me.user, locale } } : me));
      startTransition(() => router.refresh());
    },
  });
  return { ...mutation, isPending: mutation.isPending || refreshing };
}
