import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type ZodType } from "zod";
import { requireActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/types";
import { AppError, describeError, domainError, zodFieldErrors, type ErrorBody } from "@/lib/errors/app-error";

/** API answers are per-user and live: never stored by a browser or a proxy. */
const NO_STORE = { "Cache-Control": "no-store" };

/** Authenticated JSON bodies are small (a reply is ≤ 4,096 characters); anything bigger is refused unread. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** Maps any thrown value to the one JSON error shape; unknown errors are logged, never leaked. */
export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  const { status, body } = errorAnswer(err);
  return NextResponse.json(body, { status, headers: NO_STORE });
}

/** The status and body `errorResponse` sends (the lean read path writes them itself). */
export function errorAnswer(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody["error"] = { code: err.code, message: err.message };
    if (err.fields) body.fields = err.fields;
    if (err.reason) body.reason = err.reason;
    if (err.params) body.params = err.params;
    if (err.details) body.details = err.details;
    return { status: err.status, body: { error: body } };
  }
  if (err instanceof ZodError) {
    return { status: 400, body: { error: { code: "validation_failed", message: "Some fields are invalid.", fields: zodFieldErrors(err) } } };
  }
  console.error("[api] unexpected error:", describeError(err));
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side. Please try again." } } };
}

export function parseWith<T>(schema: ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw domainError("validation_failed", "request.invalid_fields", "Some fields are invalid.", undefined, zodFieldErrors(parsed.error));
  }
  return parsed.data;
}

/** The JSON body, at most MAX_JSON_BODY_BYTES, read as a stream so a huge body is never buffered. */
export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_JSON_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw domainError("bad_request", "request.invalid_json", "The request body must be valid JSON.");
  }
}

const tooLarge = () => domainError("payload_too_large", "request.too_large", `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KB.`);

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Cross-site request forgery: a state-changing call must come from our own pages. Browsers send
 * Sec-Fetch-Site (same-origin for our fetches) and Origin; a form auto-posted from another site
 * or another port of this one carries neither value, and cannot send application/json without a
 * CORS preflight we never answer. So: JSON only, and Origin/Sec-Fetch-Site must be ours.
 */
export function assertSameOriginJson(req: Request): void {
  if (!UNSAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite();
  const origin = req.headers.get("origin");
  if (origin && origin !== "null") {
    if (!isOwnOrigin(req, origin)) throw crossSite();
  } else if (origin === "null") {
    throw crossSite();
  }
  const hasBody = Number(req.headers.get("content-length") ?? "0") > 0 || req.headers.has("transfer-encoding");
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (hasBody && type !== "application/json") {
    throw domainError("unsupported_media_type", "request.json_only", "Send the request body as application/json.");
  }
}

function isOwnOrigin(req: Request, origin: string): boolean {
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * The same rule for the pay page's plain HTML form (application/x-www-form-urlencoded, no script).
 * That page is served with `Referrer-Policy: no-referrer`, so browsers send `Origin: null` with
 * its POST (Fetch standard); Sec-Fetch-Site, which every current browser sends, then has to say
 * same-origin. A token in the URL is the form's only authority: there is no session to ride.
 */
export function assertSameOriginForm(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite();
  const origin = req.headers.get("origin");
  if (origin === "null" ? site !== "same-origin" : origin && !isOwnOrigin(req, origin)) throw crossSite();
}

const crossSite = () => domainError("forbidden", "request.cross_site", "This request did not come from Sportello's own pages.");

export function searchParamsOf(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams.entries());
}

type Ctx<P> = { actor: Actor; db: Db; req: NextRequest; params: P };

/**
 * Wraps a route handler: authenticates, checks `action`, hands over the db, and maps errors.
 * Handlers return plain data (sent as JSON) or a Response.
 */
export function apiRoute<P = Record<string, never>>(
  action: Action,
  handler: (ctx: Ctx<P>) => Promise<unknown>,
  opts: { status?: number } = {},
) {
  return async (req: NextRequest, context: { params: Promise<P> }) => {
    try {
      assertSameOriginJson(req);
      const actor = await requireActor(action);
      const params = (await context?.params) ?? ({} as P);
      const result = await handler({ actor, db: await getDb(), req, params });
      if (result instanceof Response) {
        if (!result.headers.has("cache-control")) result.headers.set("Cache-Control", "no-store");
        return result;
      }
      return NextResponse.json(result ?? { ok: true }, { status: opts.status ?? 200, headers: NO_STORE });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

type PublicCtx<P> = { db: Db; req: NextRequest; params: P };

/**
 * A route anyone may call (the customer's pay page): no session, but the same JSON-only and
 * same-origin rule for state changes, the same error shape, never cached, never indexed.
 */
export function publicRoute<P = Record<string, never>>(handler: (ctx: PublicCtx<P>) => Promise<unknown>, opts: { status?: number } = {}) {
  const headers = { ...NO_STORE, "X-Robots-Tag": "noindex, nofollow" };
  return async (req: NextRequest, context: { params: Promise<P> }) => {
    let res: Response;
    try {
      assertSameOriginJson(req);
      const params = (await context?.params) ?? ({} as P);
      const result = await handler({ db: await getDb(), req, params });
      res = result instanceof Response ? result : NextResponse.json(result ?? { ok: true }, { status: opts.status ?? 200, headers });
    } catch (err) {
      res = errorResponse(err);
    }
    for (const [k, v] of Object.entries(headers)) if (!res.headers.has(k)) res.headers.set(k, v);
    return res;
  };
}

/** A raw request body as text (webhooks verify signatures over the exact bytes), at most MAX_JSON_BODY_BYTES. */
export async function readRawBody(req: Request): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text, "utf8") > MAX_JSON_BODY_BYTES) throw tooLarge();
  return text;
}
