import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { nextEventId, subscribe, type BusMessage } from "./bus";
import { trackStream } from "./streams";

const HEARTBEAT_MS = 20_000;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

/**
 * Streams the workspace's events. Events missed while disconnected are not replayed: the client
 * refetches everything it shows when a stream (re)opens, which covers any gap.
 */
export async function openEventStream(req: Request, actor: Actor): Promise<Response> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          close();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const unsubscribe = await subscribe(actor.workspaceId, (event: BusMessage) => {
        send(`id: ${nextEventId()}\nevent: ${event.type === "resync" ? "resync" : "change"}\ndata: ${JSON.stringify(event)}\n\n`);
      });
      // The heartbeat also re-checks the user, so a deactivated account stops hearing events.
      const heartbeat = setInterval(async () => {
        const still = await loadActor(await getDb(), actor.userId, actor.workspaceId).catch(() => null);
        if (!still) return close();
        send(`: ping\n\n`);
      }, HEARTBEAT_MS);
      const untrack = trackStream({ close });
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        untrack();
      };
      req.signal.addEventListener("abort", close);
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
