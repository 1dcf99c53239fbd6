import type { SearchFilters } from "@/lib/client/use-search";

// The search state's URL, apart from the panel: the inbox builds it on "/" and the list's search
// button, and loads the panel itself only when a search is open (issue 14: /inbox's script budget).

export const FILTER_KEYS = ["status", "assignee", "label", "from", "to"] as const;

export function searchHref(f: SearchFilters, path = "/inbox", extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ search: f.q });
  for (const k of FILTER_KEYS) if (f[k]) p.set(`s_${k}`, f[k]!);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return `${path}?${p}`;
}
