"use client";

import { useEffect } from "react";
import { useTranslations } from "next-intl";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="grid h-full place-items-center p-6">
      <div className="max-w-sm text-center">
        <h1 className="text-md font-semibold">{t("appError.title")}</h1>
        <p className="mt-1 text-muted">{t("appError.body")}</p>
        <button type="button" onClick={reset} className="btn-secondary mt-4">
          {t("common.tryAgain")}
        </button>
      </div>
    </div>
  );
}
