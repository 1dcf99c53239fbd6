import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { themeBootScript } from "@/lib/client/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sportello", template: "%s · Sportello" },
  description: "The shared WhatsApp inbox for customer care teams.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7f7" },
    { media: "(prefers-color-scheme: dark)", color: "#0d0f10" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts sets a fresh nonce per request; the CSP lets no inline script run without it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The boot script sets the theme class before React hydrates: hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
