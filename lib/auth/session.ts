import "server-only";
import { cookies, headers } from "next/headers";
import { getDatabase } from "@/lib/db/client";
import { domainError } from "@/lib/errors/app-error";
import { assertCan, type Actor } from "./actor";
import { createSessionCache, type SessionCache } from "./session-cache";
import { touchLastSeen } from "./activity";
import { readSessionClaims } from "./session-token";
import { getAuthSecret } from "@/lib/env";
import type { Action } from "./permissions";

/** The signed-in user of a live session (kept a few seconds, dropped when it changes), or null. Pages and API alike. */
export async function getActor(): Promise<Actor | null> {
  return actorOfRequest({ cookies: await cookies(), headers: await headers() });
}

/** The same for a request outside Next's request scope (the lean read path of server.mjs). */
export async function actorOfRequest(req: { cookies: Parameters<typeof readSessionClaims>[0]["cookies"]; headers: Headers }): Promise<Actor | null> {
  const claims = await readSessionClaims({ ...req, secret: getAuthSecret() });
  if (!claims) return null;
  const database = await getDatabase();
  const actor = await sessionCacheOf(database).actorOf(claims);
  // Any signed-in page or API request is activity (it keeps an online teammate from auto-away).
  if (actor) void touchLastSeen(database.db, actor.userId);
  return actor;
}

// One per process and database (Next evaluates modules more than once; tests open many databases).
const g = globalThis as unknown as { __sportelloSessionCaches?: WeakMap<object, SessionCache> };
function sessionCacheOf(database: Awaited<ReturnType<typeof getDatabase>>): SessionCache {
  const caches = (g.__sportelloSessionCaches ??= new WeakMap());
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = createSessionCache(database)));
  return cache;
}

/** The signed-in user allowed to do `action`; throws 401 or 403 otherwise. */
export async function requireActor(action: Action): Promise<Actor> {
  return allowedActor(await getActor(), action);
}

/** 401 without a live session, 403 when its role may not do `action`. */
export function allowedActor(actor: Actor | null, action: Action): Actor {
  if (!actor) throw domainError("unauthorized", "auth.sign_in", "Sign in to continue.");
  assertCan(actor, action);
  return actor;
}
