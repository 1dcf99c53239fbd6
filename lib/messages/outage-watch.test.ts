import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createOutageWatch } from "./outage-watch";

// The watch's decisions on a fake clock: when it probes, when it releases, what never trips it.
describe("createOutageWatch", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  function world(up: { value: boolean }) {
    const calls = { probes: [] as number[], releases: 0, wakes: 0, recovered: [] as { released: number; downMs: number }[] };
    const watch = createOutageWatch({
      probe: async (number) => {
        expect(number).toBe("PN1");
        calls.probes.push(Date.now());
        return up.value;
      },
      release: async () => {
        calls.releases++;
        return 3;
      },
      wake: () => calls.wakes++,
      onRecovered: (r) => calls.recovered.push(r),
      probeEveryMs: 1_000,
      rateLimitPauseMs: 5_000,
      now: () => Date.now(),
    });
    return { watch, calls };
  }
  const outage = { transient: true, code: 2, httpStatus: 500 };

  it("probes every second while Graph is down and releases the held-back sends once it answers", async () => {
    const up = { value: false };
    const { watch, calls } = world(up);
    watch.noteFailure("PN1", outage);
    watch.noteFailure("PN1", outage); // a second failure does not start a second loop
    expect(watch.tripped).toBe(true);
    await vi.advanceTimersByTimeAsync(3_500);
    expect(calls.probes).toEqual([0, 1_000, 2_000, 3_000]);
    expect(calls.releases).toBe(0);
    up.value = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.releases).toBe(1);
    expect(calls.wakes).toBe(1);
    expect(calls.recovered).toEqual([{ released: 3, downMs: 4_000 }]);
    expect(watch.tripped).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls.probes).toHaveLength(5); // and then it stops asking
  });

  it("a send that gets through while tripped is proof enough: released at once", async () => {
    const { watch, calls } = world({ value: false });
    watch.noteFailure("PN1", outage);
    await vi.advanceTimersByTimeAsync(0);
    watch.noteSuccess();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.releases).toBe(1);
    expect(watch.tripped).toBe(false);
  });

  it("after a rate limit it keeps quiet first, longer while limits keep coming; a pair limit or a permanent error never trips it", async () => {
    const up = { value: true };
    const { watch, calls } = world(up);
    watch.noteFailure("PN1", { transient: true, code: 131056, httpStatus: 400 });
    watch.noteFailure("PN1", { transient: false, code: 131026, httpStatus: 400 });
    expect(watch.tripped).toBe(false);

    watch.noteFailure("PN1", { transient: true, code: 130429, httpStatus: 400 });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(calls.probes).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.releases).toBe(1);

    // The released sends hit the limit again: twice the pause.
    watch.noteFailure("PN1", { transient: true, code: 4, httpStatus: 429 });
    await vi.advanceTimersByTimeAsync(9_900);
    expect(calls.releases).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(calls.releases).toBe(2);

    // The sends of one outage limited one after the other are one limit: the pause is not 8×.
    for (let i = 0; i < 20; i++) watch.noteFailure("PN1", { transient: true, code: 4, httpStatus: 429 });
    await vi.advanceTimersByTimeAsync(20_100);
    expect(calls.releases).toBe(3);

    // A clean send resets the streak.
    watch.noteSuccess();
    watch.noteFailure("PN1", { transient: true, code: 130429, httpStatus: 400 });
    await vi.advanceTimersByTimeAsync(5_100);
    expect(calls.releases).toBe(4);
    watch.stop();
  });
});
