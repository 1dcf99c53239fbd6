const BASE = "http://sportello.invalid";

/**
 * Where to go after signing in: only a path on this site. Browsers drop tabs and newlines inside
 * URLs and read "\" as "/", so "/\t/evil.example" would become "//evil.example" (another origin):
 * control characters, whitespace and backslashes are refused outright, and the result must
 * resolve to this origin. An absolute URL keeps just its path.
 */
export function safeCallbackUrl(raw: string | string[] | null | undefined, fallback = "/inbox"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2048) return fallback;
  if (/[\u0000-\u001f\u007f-\u009f\s\\]/.test(value)) return fallback;
  let path = value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    try {
      const u = new URL(value);
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
