import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ZodError, type ZodType } from "zod";
import { requireActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/types";
import { AppError, domainError, zodFieldErrors, type ErrorBody } from "@/lib/errors/app-error";



/** Maps any thrown value to the one JSON error shape; unknown errors are logged, never leaked. */
export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  if (err instanceof AppError) {
    const body: ErrorBody["error"] = { code: err.code, message: err.message };
    if (err.fields) body.fields = err.fields;
    if (err.reason) body.reason = err.reason;
    if (err.params) body.params = err.params;
    return NextResponse.json({ error: body }, { status: err.status });
  }
  if (err instanceof ZodError) {
    return NextResponse.json({ error: { code: "validation_failed", message: "Some fields are invalid.", fields: zodFieldErrors(err) } }, { status: 400 });
  }
  console.error("[api] unexpected error", err);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } }, { status: 500 });
}

export function parseWith<T>(schema: ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw domainError("validation_failed", "request.invalid_fields", "Some fields are invalid.", undefined, zodFieldErrors(parsed.error));
  }
  return parsed.data;
}

export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw domainError("bad_request", "request.invalid_json", "The request body must be valid JSON.");
  }
}

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
      const actor = await requireActor(action);
      const params = (await context?.params) ?? ({} as P);
      const result = await handler({ actor, db: await getDb(), req, params });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true }, { status: opts.status ?? 200 });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
