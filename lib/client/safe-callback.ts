/**
 * Where to go after signing in: only a path on this site. An absolute URL keeps just its path,
 * so a crafted `callbackUrl` can never send someone to another origin.
 */
export function safeCallbackUrl(raw: string | string[] | null | undefined, fallback = "/inbox"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return fallback;
  let path = value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    try {
      const u = new URL(value);
      path = `${u.pathname}${u.search}${u.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (path.startsWith("/login") || path.startsWith("/api/")) return fallback;
  return path;
}
