import { nextReadRoute } from "@/lib/http/read-route";
import { searchRead } from "@/lib/search/search";

export const dynamic = "force-dynamic";

// Also served by server.mjs's lean path (lib/background/start.ts): one definition, two servers.
export const GET = nextReadRoute(searchRead);
