// The address a sign-in attempt came from, for throttling. X-Forwarded-For is whatever the client
// wrote unless a proxy we trust appended to it, so by default we use the socket's peer address,
// which server.mjs passes in a header it overwrites on every request. With N trusted proxies in
// front (TRUSTED_PROXIES=N), the client is the Nth address from the right of X-Forwarded-For.

/** Set by server.mjs from req.socket.remoteAddress; a client-sent value is always replaced. */
export const PEER_HEADER = "x-sportello-peer";

type Headers = Record<string, unknown> | undefined;

const header = (h: Headers, name: string): string | null => {
  const v = h?.[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return null;
};

export function clientIp(headers: Headers, trustedProxies: number): string | null {
  if (trustedProxies > 0) {
    const chain = (header(headers, "x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const fromRight = chain[chain.length - trustedProxies];
    if (fromRight) return fromRight.slice(0, 64);
  }
  return header(headers, PEER_HEADER)?.slice(0, 64) ?? null;
}
