const BASE = "http://sportello.invalid";

/**
 * Where to go after signing in: only a path on this site. Browsers drop tabs and newlines inside
 * URLs and read "\" as "/", so "/\t/evil.example" would become "//evil.example" (another origin):
 * control characters, whitespace and backslashes are refused outright, and the result must
 * resolve to this origin. An absolute URL is kept (as its path) only when it names one of `origins`,
 * this site's own (next-auth's sign-in redirect hands over absolute URLs): "https://evil.example/x"
 * is refused, not quietly turned into "/x".
 */
export function safeCallbackUrl(raw: string | string[] | null | undefined, { origins = [], fallback = "/inbox" }: { origins?: readonly string[]; fallback?: string } = {}): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2048) return fallback;
  if (/[\u0000-\u001f\u007f-\u009f\s\\]/.test(value)) return fallback;
  let path = value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    try {
      const u = new URL(value);
      if (!origins.includes(u.origin)) return fallback;
      path = `${u.pathname}${u.search}${u.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(path, BASE);
  } catch {
    return fallback;
  }
  if (resolved.origin !== BASE) return fallback;
  const out = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  if (out.startsWith("//") || out.startsWith("/login") || out.startsWith("/api/")) return fallback;
  return out;
}
