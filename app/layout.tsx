import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { themeBootScript } from "@/lib/client/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return {
    title: { default: "Sportello", template: "%s · Sportello" },
    description: t("description"),
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7f7" },
    { media: "(prefers-color-scheme: dark)", color: "#0d0f10" },
  ],
};

// No client providers here: every page would download them. The signed-in pages get theirs from
// app/(app)/layout.tsx (TanStack Query, the catalog), the simulator from its own; /login none (issue 14).
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts sets a fresh nonce per request; the CSP lets no inline script run without it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  // The signed-in user's language, else the browser's (i18n/request.ts).
  const locale = await getLocale();
  return (
    // The boot script sets the theme class before React hydrates: hence suppressHydrationWarning.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
