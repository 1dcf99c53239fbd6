import { getTranslations } from "next-intl/server";

/**
 * What a signed-in teammate sees on a page their role does not open: the page's own words for why
 * (`restrictedTitle` and `restrictedBody` in the page's catalog namespace).
 */
export async function Restricted({ namespace }: { namespace: "templates.manager" | "snippets.manager" | "payments.page" | "reports" | "settings" }) {
  const t = await getTranslations(namespace);
  return (
    <div className="grid h-full place-items-center p-6 text-center">
      <div>
        <h1 className="text-md font-semibold">{t("restrictedTitle" as never)}</h1>
        <p className="mt-1 text-muted">{t("restrictedBody" as never)}</p>
      </div>
    </div>
  );
}
