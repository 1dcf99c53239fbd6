// Recovery after a WhatsApp (Graph API) outage. A transient failure hands the send back to pg-boss,
// whose backoff (3 s·2^n·(1 + random)) is right while Meta is down and wrong once it is back: after
// a 60-second outage the next attempt of a reply could be two or three minutes away. The watch
// trips on the first transient failure, asks Graph every second whether it answers again, and then
// moves every held-back send to "now" and wakes the worker. Exactly once is untouched: each send
// still goes through the attempt claim in ./outbox.ts.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { BOSS_SCHEMA } from "@/lib/jobs/queues";
import { QUEUES } from "@/lib/messages/outbox-queues";
import type { SendError } from "@/lib/whatsapp/graph-client";

// Meta's "slow down" answers. The per-customer pair limit (131056) is not about Graph at all and
// never trips the watch: waking that customer's messages early would only hit it again.
const RATE_LIMIT_CODES = new Set<number | string>([4, 80007, 130429]);
const PAIR_RATE_LIMIT = 131056;

export type OutageWatchOptions = {
  /** Does Graph answer, asked through this number? (`probeGraph` in the app.) */
  probe: (phoneNumberId: string) => Promise<boolean>;
  /** Moves the sends waiting out a backoff to now; returns how many. */
  release: () => Promise<number>;
  /** After a release: fetch now rather than at the next poll. */
  wake: () => void;
  onRecovered?: (info: { released: number; downMs: number }) => void;
  /** Between probes while Graph is down. */
  probeEveryMs?: number;
  /** After a rate limit, quiet time before the first probe; doubles while limits keep coming, up to 8×. */
  rateLimitPauseMs?: number;
  now?: () => number;
};

export type OutageWatch = {
  noteFailure(phoneNumberId: string, err: Pick<SendError, "transient" | "code" | "httpStatus">): void;
  noteSuccess(): void;
  readonly tripped: boolean;
  stop(): void;
};

export function createOutageWatch(opts: OutageWatchOptions): OutageWatch {
  const now = opts.now ?? Date.now;
  const probeEveryMs = opts.probeEveryMs ?? 1_000;
  const basePause = opts.rateLimitPauseMs ?? 5_000;
  // `limited`: this outage has seen a rate limit (the streak counts outages, not failed sends).
  let down: { since: number; phoneNumberId: string; quietUntil: number; limited: boolean } | null = null;
  let rateLimitStreak = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let checking = false;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void check();
    }, ms);
    timer.unref?.();
  };

  async function recover() {
    const was = down;
    if (!was) return;
    down = null;
    try {
      const released = await opts.release();
      if (released > 0) opts.wake();
      opts.onRecovered?.({ released, downMs: now() - was.since });
    } catch (err) {
      // The database is the trouble now: try again shortly, the sends are still held back.
      console.error("[outbox] could not release sends after the outage:", err instanceof Error ? err.message : err);
      down = was;
      schedule(probeEveryMs);
    }
  }

  async function check() {
    if (!down || checking || stopped) return;
    const wait = down.quietUntil - now();
    if (wait > 0) return schedule(wait);
    checking = true;
    try {
      if (await opts.probe(down.phoneNumberId)) await recover();
    } finally {
      checking = false;
    }
    if (down) schedule(probeEveryMs);
  }

  return {
    noteFailure(phoneNumberId, err) {
      if (!err.transient || err.code === PAIR_RATE_LIMIT) return;
      const limited = RATE_LIMIT_CODES.has(err.code) || err.httpStatus === 429;
      const t = now();
      // Once per outage: a queue of sends limited one after the other is one rate limit, not a
      // streak (else 4 failed sends meant 40 s of quiet after Graph was back). The streak grows
      // when the sends released after a pause hit the limit again, and resets on a clean send.
      if (limited && !down?.limited) rateLimitStreak = Math.min(rateLimitStreak + 1, 4);
      const quietUntil = limited ? t + basePause * 2 ** (rateLimitStreak - 1) : t;
      down = down
        ? { ...down, limited: down.limited || limited, quietUntil: Math.max(down.quietUntil, quietUntil) }
        : { since: t, phoneNumberId, quietUntil, limited };
      schedule(Math.max(0, Math.min(probeEveryMs, down.quietUntil - t)));
    },
    noteSuccess() {
      if (down) void recover();
      else rateLimitStreak = 0;
    },
    get tripped() {
      return down !== null;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * Every send waiting out a retry backoff becomes due now. Safe with any number of processes: a
 * job is fetched once by pg-boss, and a message is sent once by the attempt claim.
 */
export async function releaseRetryingSends(db: Db): Promise<number> {
  const job = sql.raw(`${BOSS_SCHEMA}.job`);
  const res = (await db.execute(sql`
    update ${job} set start_after = now()
    where name = ${QUEUES.send} and state = 'retry' and start_after > now()
    returning id`)) as unknown as { rows?: unknown[] } | unknown[];
  return (Array.isArray(res) ? res : (res.rows ?? [])).length;
}
