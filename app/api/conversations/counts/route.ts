import { nextReadRoute } from "@/lib/http/read-route";
import { conversationCountsRead } from "@/lib/conversations/read-routes";

export const dynamic = "force-dynamic";

// Also served by server.mjs's lean path (lib/background/start.ts): one definition, two servers.
export const GET = nextReadRoute(conversationCountsRead);
