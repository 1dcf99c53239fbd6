import path from "node:path";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { apiRoute, parseWith } from "@/lib/http/route";
import { readMediaFile } from "@/lib/messages/media-file";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a file id.") });

export const GET = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  const file = await readMediaFile(db, actor.workspaceId, id, path.resolve(getEnv().MEDIA_DIR));
  return new Response(new Uint8Array(file.bytes), { status: 200, headers: file.headers });
});
