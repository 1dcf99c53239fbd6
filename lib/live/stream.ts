import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { openSseStream } from "@/lib/realtime/sse";
import { joinLive } from "./hub";

// A tab this far behind (unread events queued) is skipped: it sees the gap in `seq` and refetches.
const MAX_BACKLOG = 256;

/**
 * /api/events: the workspace's changes, hydrated once per process (lib/live/hub.ts) and numbered
 * per stream. Frames: `ready` (after (re)connecting), `live` (LiveFrame), `resync` (refetch all).
 */
export function openLiveStream(req: Request, actor: Actor): Promise<Response> {
  return openSseStream(req, actor, async (channel) => {
    let seq = 0;
    return joinLive({
      actor,
      send(event, data) {
        seq += 1;
        if (channel.backlog() > MAX_BACKLOG) return;
        channel.send(`id: ${seq}\nevent: ${event}\ndata: ${data(seq)}\n\n`);
      },
    });
  });
}
