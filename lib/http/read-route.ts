import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { NextRequest } from "next/server";
// What `cookies()` and NextRequest.cookies are: the same parsing as the Next path.
import { RequestCookies } from "next/dist/server/web/spec-extension/cookies";
import type { Actor } from "@/lib/auth/actor";
import type { Action } from "@/lib/auth/permissions";
import { actorOfRequest, allowedActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/types";
import { apiRoute, errorAnswer, searchParamsOf } from "./route";
import { API_CSP, securityHeaders } from "./security-headers";

// The inbox's hottest reads (a list, the counts, a thread, its header) are defined once, here as
// data, and served two ways: by their Next route file (`nextReadRoute`) and, in production, by
// server.mjs without Next's router (`createNodeReadHandler`). Next's route pipeline (proxy, web
// streams, tracing) costs a list several milliseconds of CPU per call, as much as the query
// itself; with 8 agents reading at once on 2 cores that alone is past 30 ms at p95 (issue 14,
// BENCHMARKS.md "The API at scale"). Both ways run the same steps: the session re-read from the database,
// the action's permission, the zod parse, the domain function, and the one error mapping.

export type ReadContext<P> = { actor: Actor; db: Db; query: Record<string, string>; params: P };

export type ReadRoute<P = Record<string, never>> = {
  /** The permission the route names (lib/auth/permissions.ts). */
  action: Action;
  /** Plain data, sent as JSON (a Response would be Next's business: the lean path refuses it). */
  run(ctx: ReadContext<P>): Promise<object>;
  /** The lean path answers only the queries this accepts (a CSV download is a file: Next's). */
  serves?(query: Record<string, string>): boolean;
};

export function defineReadRoute<P = Record<string, never>>(route: ReadRoute<P>): ReadRoute<P> {
  return route;
}

/** The Next route handler of a read route (`export const GET = nextReadRoute(…)`). */
export function nextReadRoute<P>(route: ReadRoute<P>): (req: NextRequest, context: { params: Promise<P> }) => Promise<Response> {
  return apiRoute<P>(route.action, ({ actor, db, req, params }) => route.run({ actor, db, query: searchParamsOf(req), params }));
}

/** A path such as `/api/conversations/:id/messages` and the route it serves. */
export type ReadPath = { path: string; route: ReadRoute<Record<string, string>> | ReadRoute<Record<string, never>> };

type Compiled = { segments: string[]; route: ReadRoute<Record<string, string>> };

/**
 * server.mjs's lean GET handler: true when it answered, false to leave the request to Next (a
 * path it does not serve, a method other than GET, a malformed escape). Only exact paths match,
 * static segments before parameters, as Next's router would pick them.
 */
export function createNodeReadHandler(paths: ReadPath[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const compiled: Compiled[] = paths
    .map((p) => ({ segments: p.path.split("/").filter(Boolean), route: p.route as ReadRoute<Record<string, string>> }))
    // Static before dynamic at each position: /conversations/counts before /conversations/:id.
    .sort((a, b) => a.segments.length - b.segments.length || staticRank(b.segments) - staticRank(a.segments));
  return (req, res) => {
    if (req.method !== "GET" || !req.url) return false;
    const q = req.url.indexOf("?");
    const pathname = q < 0 ? req.url : req.url.slice(0, q);
    const match = matchPath(compiled, pathname);
    if (!match) return false;
    const query = Object.fromEntries(new URLSearchParams(q < 0 ? "" : req.url.slice(q + 1)));
    if (match.route.serves && !match.route.serves(query)) return false;
    answer(req, res, match.route, match.params, query).catch((err: unknown) => {
      // Only writing the answer can fail here (the route's own errors are answered in it).
      const { status, body } = errorAnswer(err);
      if (res.headersSent) return void res.end();
      const json = JSON.stringify(body);
      res.writeHead(status, { ...apiHeaders(req), "Content-Length": Buffer.byteLength(json) });
      res.end(json);
    });
    return true;
  };
}

function staticRank(segments: string[]): number {
  return segments.reduce((n, s, i) => n + (s.startsWith(":") ? 0 : 2 ** (segments.length - i)), 0);
}

function matchPath(compiled: Compiled[], pathname: string): { route: Compiled["route"]; params: Record<string, string> } | null {
  const parts = pathname.split("/").filter(Boolean);
  if (pathname.endsWith("/") || pathname.includes("//")) return null; // Next redirects these
  for (const c of compiled) {
    if (c.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = c.segments[i]!;
      if (seg.startsWith(":")) {
        try {
          params[seg.slice(1)] = decodeURIComponent(parts[i]!);
        } catch {
          return null;
        }
      } else ok = seg === parts[i];
    }
    if (ok) return { route: c.route, params };
  }
  return null;
}

async function answer(req: IncomingMessage, res: ServerResponse, route: Compiled["route"], params: Record<string, string>, query: Record<string, string>) {
  let status = 200;
  let body: unknown;
  try {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const actor = allowedActor(await actorOfRequest({ cookies: new RequestCookies(headers), headers }), route.action);
    body = await route.run({ actor, db: await getDb(), query, params });
    if (body instanceof Response) throw new Error("A read route returned a Response: read routes return data.");
  } catch (err) {
    ({ status, body } = errorAnswer(err));
  }
  let json: string;
  try {
    json = JSON.stringify(body);
  } catch (err) {
    ({ status, body } = errorAnswer(err));
    json = JSON.stringify(body);
  }
  // Compressed as Next's server compresses (gzip from 1 KiB; zlib's thread pool, so the event
  // loop keeps serving meanwhile).
  let payload: Buffer = Buffer.from(json);
  const encoding: Record<string, string> = {};
  if (payload.byteLength >= GZIP_FROM_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    payload = await gzipAsync(payload);
    encoding["Content-Encoding"] = "gzip";
  }
  res.writeHead(status, { ...apiHeaders(req), "Content-Length": payload.byteLength, Vary: "Accept-Encoding", ...encoding });
  res.end(payload);
}

/** What proxy.ts and apiRoute put on every API answer. */
function apiHeaders(req: IncomingMessage): Record<string, string> {
  const https = req.headers["x-forwarded-proto"] === "https";
  return { "Content-Type": "application/json", "Cache-Control": "no-store", "Content-Security-Policy": API_CSP, ...securityHeaders({ https }) };
}

/** Accept-Encoding names gzip (or *) without `q=0`. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  for (const part of String(header ?? "").split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

const GZIP_FROM_BYTES = 1024;
const gzipAsync = promisify(gzip);
