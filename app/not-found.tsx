import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="text-center">
        <p className="text-2xs font-semibold tracking-wider text-muted uppercase">404</p>
        <h1 className="mt-1 text-lg font-semibold">{t("notFound.title")}</h1>
        <p className="mt-1 text-muted">{t("notFound.body")}</p>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- next/link here would add its script to every page, /login included (issue 14) */}
        <a href="/inbox" className="btn-secondary mt-4">
          {t("common.backToInbox")}
        </a>
      </div>
    </main>
  );
}
