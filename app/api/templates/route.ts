import { apiRoute } from "@/lib/http/route";
import { listTemplateOptions } from "@/lib/templates/catalog";

export const dynamic = "force-dynamic";

export const GET = apiRoute("conversation:reply", async () => ({ items: listTemplateOptions() }));
