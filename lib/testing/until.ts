// Test-only: wait for something asynchronous (a queue, a stream, a timer) without a fixed sleep.

/** Polls `fn` every 20 ms until it returns something truthy (returned), or fails after `timeoutMs`. */
export async function until<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
