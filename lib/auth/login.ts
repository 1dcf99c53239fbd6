import { and, count, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { loginAttempts, users } from "@/lib/db/schema";
import { domainError } from "@/lib/errors/app-error";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";

export type LoginLimits = { maxPerEmail: number; maxPerIp: number; windowMinutes: number };

export type AuthenticatedUser = { id: string; workspaceId: string; role: Role; name: string; email: string };

export const INVALID_CREDENTIALS = "Email or password is incorrect.";
export const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait a few minutes and try again.";

async function recentFailures(db: Db, key: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), eq(loginAttempts.succeeded, false), gte(loginAttempts.createdAt, since)));
  return row?.n ?? 0;
}

/**
 * Checks credentials with throttling per account and per IP. Failures never say which of
 * email or password was wrong, and an unknown email costs a hash comparison too.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string | null },
  limits: LoginLimits,
): Promise<AuthenticatedUser> {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, ...(input.ip ? [`ip:${input.ip}`] : [])];
  const since = new Date(Date.now() - limits.windowMinutes * 60_000);

  const [emailFailures, ipFailures] = await Promise.all([
    recentFailures(db, keys[0]!, since),
    input.ip ? recentFailures(db, `ip:${input.ip}`, since) : Promise.resolve(0),
  ]);
  if (emailFailures >= limits.maxPerEmail || ipFailures >= limits.maxPerIp) {
    throw domainError("rate_limited", "auth.too_many_attempts", TOO_MANY_ATTEMPTS);
  }

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  const succeeded = Boolean(user && ok && user.active);

  await db.insert(loginAttempts).values(keys.map((key) => ({ key, succeeded })));
  if (!succeeded || !user) throw domainError("unauthorized", "auth.invalid_credentials", INVALID_CREDENTIALS);

  // A success forgives this account's earlier failures (the IP's stay counted).
  await db.delete(loginAttempts).where(and(eq(loginAttempts.key, keys[0]!), eq(loginAttempts.succeeded, false)));
  await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, user.id));
  return { id: user.id, workspaceId: user.workspaceId, role: user.role, name: user.name, email: user.email };
}
