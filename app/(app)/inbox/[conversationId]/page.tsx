import { isUuid } from "@/lib/client/inbox-filters";
import { Thread } from "@/components/inbox/thread";
import { ConversationNotFound } from "@/components/inbox/empty-thread";

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  if (!isUuid(conversationId)) return <ConversationNotFound />;
  return <Thread key={conversationId} conversationId={conversationId} />;
}
