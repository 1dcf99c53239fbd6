import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { loadSessionActor } from "@/lib/auth/sessions";
import { touchLastSeen } from "@/lib/auth/activity";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { admitStream, MAX_STREAMS, trackStream } from "./streams";

const HEARTBEAT_MS = 20_000;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

export type SseChannel = {
  /** Enqueues raw SSE text (one or more complete events). */
  send(chunk: string): void;
  /** Chunks written but not yet taken by the client's connection: a slow reader's backlog. */
  backlog(): number;
  close(): void;
};

/**
 * An SSE response for a signed-in user. `setup` subscribes the channel to whatever it streams
 * and returns its cleanup; `ready` is sent once it has, so nothing published after `ready` is
 * missed. What happened before (or while disconnected) is not replayed: the client refetches.
 * The heartbeat re-checks the session and the user, so signing out (anywhere) or a deactivated
 * account stops the stream. Beyond the per-user or process cap of streams: 429.
 */
export async function openSseStream(req: Request, actor: Actor, setup: (channel: SseChannel) => Promise<() => void>): Promise<Response> {
  const release = admitStream(actor.userId, { perUser: getEnv().LIVE_STREAMS_PER_USER, total: MAX_STREAMS });
  const encoder = new TextEncoder();
  let cleanup = release;
  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        let closed = false;
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
        const channel: SseChannel = {
          send(chunk) {
            if (closed) return;
            try {
              controller.enqueue(encoder.encode(chunk));
            } catch {
              close();
            }
          },
          backlog: () => Math.max(0, 1 - (controller.desiredSize ?? 1)),
          close,
        };
        const teardown = await setup(channel);
        const heartbeat = setInterval(async () => {
          const db = await getDb();
          const still = await (actor.sessionId
            ? loadSessionActor(db, { sessionId: actor.sessionId, userId: actor.userId, workspaceId: actor.workspaceId })
            : loadActor(db, actor.userId, actor.workspaceId)
          ).catch(() => null);
          if (!still) return close();
          // An open stream is activity: the teammate stays online while a tab is open.
          void touchLastSeen(db, actor.userId);
          channel.send(`: ping\n\n`);
        }, HEARTBEAT_MS);
        const untrack = trackStream({ close });
        cleanup = () => {
          clearInterval(heartbeat);
          teardown();
          untrack();
          release();
        };
        if (req.signal.aborted) return close();
        req.signal.addEventListener("abort", close);
        channel.send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
      },
      cancel() {
        cleanup();
      },
    },
    new CountQueuingStrategy({ highWaterMark: 1 }),
  );
  return new Response(stream, { headers: SSE_HEADERS });
}
