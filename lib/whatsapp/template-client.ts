// The Graph API's template endpoints for a WhatsApp Business account: list (paged), create, edit.
// Pure HTTP like graph-client.ts (no database): the templates domain owns the rows. Failures are
// SendErrors (Meta's code, title and details), so callers word them the same way as send errors.
import { errorFromResponse, networkSendError, SendError, SEND_TIMEOUT_MS, type FetchLike, type GraphConfig } from "./graph-client";

export type GraphAuth = Omit<GraphConfig, "phoneNumberId">;

/** A template as `GET /{waba-id}/message_templates` returns it (fields we ask for). */
export type MetaTemplate = {
  id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameterFormat: string;
  components: Record<string, unknown>[];
  qualityScore: string | null;
  rejectedReason: string | null;
};

export const TEMPLATE_FIELDS = "name,language,category,status,components,quality_score,rejected_reason,parameter_format,id";
/** Templates asked per page; Meta pages with cursors (`paging.next`). */
export const TEMPLATE_PAGE_SIZE = 100;
/** A safety stop: an account has at most a few thousand templates (Meta's limit is 6,000 per WABA). */
const MAX_PAGES = 100;

const base = (cfg: GraphAuth) => `${cfg.graphUrl.replace(/\/+$/, "")}/${cfg.apiVersion}`;

async function call(cfg: GraphAuth, url: string, init: RequestInit, fetchImpl: FetchLike): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchImpl(url, { ...init, headers: { Authorization: `Bearer ${cfg.accessToken}`, ...(init.body ? { "Content-Type": "application/json" } : {}) }, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  } catch (err) {
    throw networkSendError(err);
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw errorFromResponse(res.status, json);
  if (json === null) throw new SendError({ code: "bad_response", title: "WhatsApp's answer could not be read", httpStatus: res.status, transient: true });
  return json;
}

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** Meta's template object → ours; null when it lacks what identifies a template. */
export function toMetaTemplate(raw: unknown): MetaTemplate | null {
  const t = raw as Record<string, unknown> | null;
  const id = str(t?.id);
  const name = str(t?.name);
  const language = str(t?.language);
  if (!t || !id || !name || !language) return null;
  // quality_score is `{ score, date }` in the list; a plain string is accepted too.
  const quality = t.quality_score as { score?: unknown } | string | undefined;
  const rejected = str(t.rejected_reason);
  return {
    id,
    name,
    language,
    category: str(t.category) ?? "UTILITY",
    status: str(t.status) ?? "PENDING",
    parameterFormat: str(t.parameter_format) ?? "POSITIONAL",
    components: Array.isArray(t.components) ? (t.components as Record<string, unknown>[]) : [],
    qualityScore: typeof quality === "string" ? quality : str(quality?.score),
    rejectedReason: rejected && rejected !== "NONE" ? rejected : null,
  };
}

/** Every template of the account, following `paging.next` until the last page. */
export async function listMessageTemplates(cfg: GraphAuth, wabaId: string, fetchImpl: FetchLike = fetch, pageSize = TEMPLATE_PAGE_SIZE): Promise<MetaTemplate[]> {
  const out: MetaTemplate[] = [];
  let url: string | null = `${base(cfg)}/${encodeURIComponent(wabaId)}/message_templates?fields=${TEMPLATE_FIELDS}&limit=${pageSize}`;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const json = (await call(cfg, url, { method: "GET" }, fetchImpl)) as { data?: unknown[]; paging?: { next?: unknown } };
    for (const raw of json.data ?? []) {
      const t = toMetaTemplate(raw);
      if (t) out.push(t);
    }
    url = typeof json.paging?.next === "string" && json.data?.length ? json.paging.next : null;
  }
  return out;
}

export type TemplateSubmission = { name: string; language: string; category: string; parameter_format: string; components: Record<string, unknown>[] };

/** `POST /{waba-id}/message_templates`: Meta answers `{ id, status, category }` (status usually PENDING). */
export async function createMessageTemplate(cfg: GraphAuth, wabaId: string, body: TemplateSubmission, fetchImpl: FetchLike = fetch): Promise<{ id: string; status: string; category: string }> {
  const json = (await call(cfg, `${base(cfg)}/${encodeURIComponent(wabaId)}/message_templates`, { method: "POST", body: JSON.stringify(body) }, fetchImpl)) as Record<string, unknown>;
  const id = str(json.id);
  if (!id) throw new SendError({ code: "bad_response", title: "WhatsApp accepted the template but returned no id", transient: false });
  return { id, status: str(json.status) ?? "PENDING", category: str(json.category) ?? body.category };
}

/** `POST /{template-id}` with new components (and category): the edit goes back to review. */
export async function editMessageTemplate(cfg: GraphAuth, metaId: string, body: { category?: string; components: Record<string, unknown>[] }, fetchImpl: FetchLike = fetch): Promise<void> {
  await call(cfg, `${base(cfg)}/${encodeURIComponent(metaId)}`, { method: "POST", body: JSON.stringify(body) }, fetchImpl);
}
