import { NoConversationSelected } from "@/components/inbox/empty-thread";

export default function InboxPage() {
  return <NoConversationSelected />;
}
