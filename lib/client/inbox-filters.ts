import type { ConversationStatus, View } from "./types";

const VIEWS: readonly View[] = ["mine", "unassigned", "all"];
const STATUSES: readonly ConversationStatus[] = ["open", "pending", "snoozed", "resolved"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's filters, as they live in the URL's query string. */
/** `label` is optional so views that never filter by label can leave it out. */
export type InboxFilters = { view: View; status: ConversationStatus | null; team: string | null; label?: string | null };

type ParamsLike = { get(name: string): string | null };

export function parseFilters(params: ParamsLike): InboxFilters {
  const view = params.get("view");
  const status = params.get("status");
  const team = params.get("team");
  const label = params.get("label");
  return {
    view: VIEWS.includes(view as View) ? (view as View) : "all",
    status: STATUSES.includes(status as ConversationStatus) ? (status as ConversationStatus) : null,
    team: team && UUID.test(team) ? team : null,
    label: label && UUID.test(label) ? label : null,
  };
}

/** The query string for filters ("" for the default view), without the leading "?". */
export function filtersToQuery(f: InboxFilters): string {
  const q = new URLSearchParams();
  if (f.view !== "all") q.set("view", f.view);
  if (f.status) q.set("status", f.status);
  if (f.team) q.set("team", f.team);
  if (f.label) q.set("label", f.label);
  return q.toString();
}

export function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

export const isUuid = (s: string) => UUID.test(s);

/** Which left-pane entry the filters correspond to, if any. */
export function navKeyOf(f: InboxFilters): string {
  if (f.label) return `label:${f.label}`;
  if (f.team) return `team:${f.team}`;
  if (f.status) return `status:${f.status}`;
  return `view:${f.view}`;
}
