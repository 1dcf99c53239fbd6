import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="text-center">
        <p className="text-2xs font-semibold tracking-wider text-muted uppercase">404</p>
        <h1 className="mt-1 text-lg font-semibold">{t("notFound.title")}</h1>
        <p className="mt-1 text-muted">{t("notFound.body")}</p>
        <Link href="/inbox" className="btn-secondary mt-4">
          {t("common.backToInbox")}
        </Link>
      </div>
    </main>
  );
}
