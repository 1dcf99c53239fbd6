import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { heartbeatThread } from "@/lib/messages/viewing";
import { leaveViewer, listViewers } from "@/lib/presence/viewers";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a conversation id.") });
const heartbeatSchema = z.object({ typing: z.boolean("Say whether you are typing.") }).strict();

/** Who else has this thread open (seen in the last 40 s) and who is typing in it. */
export const GET = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return listViewers(db, { actor, conversationId: id });
});

/** Heartbeat while the thread is open and visible (every ~15 s, and when typing starts or stops). */
export const PUT = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const { typing } = parseWith(heartbeatSchema, await readJson(req));
  return heartbeatThread(db, { actor, conversationId: id, typing });
});

/** Left the thread (also sent with keepalive on pagehide). */
export const DELETE = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return leaveViewer(db, { actor, conversationId: id });
});
