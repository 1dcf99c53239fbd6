import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { TemplatesTabs } from "@/components/snippets/templates-tabs";

/** Templates and snippets side by side under one tab bar, for those who manage them (leads and admins). */
export default async function TemplatesLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  if (!actor || !can(actor.role, "template:manage")) return children;
  return (
    <div className="flex h-full min-h-0 flex-col">
      <TemplatesTabs />
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}
