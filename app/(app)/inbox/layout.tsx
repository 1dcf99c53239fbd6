import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { InboxShell } from "@/components/inbox/inbox-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("inbox") };
}

export default function InboxLayout({ children }: { children: React.ReactNode }) {
  return (
    <Suspense fallback={null}>
      <InboxShell>{children}</InboxShell>
    </Suspense>
  );
}
