import type { Metadata } from "next";
import { Suspense } from "react";
import { InboxShell } from "@/components/inbox/inbox-shell";

export const metadata: Metadata = { title: "Inbox" };

export default function InboxLayout({ children }: { children: React.ReactNode }) {
  return (
    <Suspense fallback={null}>
      <InboxShell>{children}</InboxShell>
    </Suspense>
  );
}
