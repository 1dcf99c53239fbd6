import "server-only";
import { conversationCountsRead, conversationDetailRead, listConversationsRead } from "@/lib/conversations/read-routes";
import { threadMessagesRead } from "@/lib/messages/read-routes";
import { listPaymentRequestsRead } from "@/lib/payments/list";
import { reportRead } from "@/lib/reports/read-route";
import { searchRead } from "@/lib/search/search";

/** The GETs server.mjs serves without Next's router (lib/http/read-route.ts): the same definitions as their route files. */
export const HOT_READ_ROUTES = [
  { path: "/api/conversations", route: listConversationsRead },
  { path: "/api/conversations/counts", route: conversationCountsRead },
  { path: "/api/conversations/:id", route: conversationDetailRead },
  { path: "/api/conversations/:id/messages", route: threadMessagesRead },
  { path: "/api/payment-requests", route: listPaymentRequestsRead },
  { path: "/api/search", route: searchRead },
  { path: "/api/reports", route: reportRead },
];
