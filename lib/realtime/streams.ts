import "server-only";

type Closable = { close(): void };
const g = globalThis as unknown as { __sportelloStreams?: { open: Set<Closable>; hooked: boolean } };
const registry = (g.__sportelloStreams ??= { open: new Set(), hooked: false });

/**
 * Open SSE responses keep `next start` alive on SIGTERM; close them so the server stops at once.
 * Installed on the first stream only: build workers load this module and must be free to exit.
 */
export function trackStream(stream: Closable): () => void {
  if (!registry.hooked) {
    registry.hooked = true;
    const closeAll = () => {
      for (const s of registry.open) s.close();
      registry.open.clear();
    };
    process.once("SIGTERM", closeAll);
    process.once("SIGINT", closeAll);
  }
  registry.open.add(stream);
  return () => registry.open.delete(stream);
}

export function openStreamCount(): number {
  return registry.open.size;
}
