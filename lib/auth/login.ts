import { and, count, eq, gte, max, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { loginAttempts, users } from "@/lib/db/schema";
import { domainError } from "@/lib/errors/app-error";
import { DUMMY_HASH, verifyPassword } from "./password";
import type { Role } from "./permissions";

export type LoginLimits = {
  /** Failures of one account from one address before that pair must wait out the window. */
  maxPerEmail: number;
  /** Failures from one address, any accounts (a scan), before it must wait out the window. */
  maxPerIp: number;
  windowMinutes: number;
  /** Failures of one account from anywhere before each further try must wait (2 s, 4 s, … 5 min). */
  backoffAfter?: number;
};

const MAX_BACKOFF_SECONDS = 300;

export type AuthenticatedUser = { id: string; workspaceId: string; role: Role; name: string; email: string };

export const INVALID_CREDENTIALS = "Email or password is incorrect.";
export const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait a few minutes and try again.";

async function recentFailures(db: Db, key: string, since: Date): Promise<{ n: number; last: Date | null }> {
  const [row] = await db
    .select({ n: count(), last: max(loginAttempts.createdAt) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), eq(loginAttempts.succeeded, false), gte(loginAttempts.createdAt, since)));
  return { n: row?.n ?? 0, last: row?.last ?? null };
}

const tooMany = (retryAfterSeconds?: number) =>
  domainError("rate_limited", "auth.too_many_attempts", TOO_MANY_ATTEMPTS, retryAfterSeconds ? { retryAfterSeconds } : undefined);

/**
 * Checks credentials, throttled so that nobody can lock someone else out: a wrong password counts
 * against the (account, address) pair, which alone gets blocked for the window; an address that
 * tries many accounts is capped; an account attacked from many addresses only slows down
 * (exponential backoff between tries), so its owner still signs in. Failures never say which of
 * email or password was wrong, and an unknown email costs a hash comparison too.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string; ip: string | null },
  limits: LoginLimits,
): Promise<AuthenticatedUser> {
  const email = input.email.trim().toLowerCase();
  const accountKey = `email:${email}`;
  const pairKey = `pair:${email}|${input.ip ?? "?"}`;
  const keys = [accountKey, pairKey, ...(input.ip ? [`ip:${input.ip}`] : [])];
  const now = Date.now();
  const since = new Date(now - limits.windowMinutes * 60_000);

  const [account, pair, ip] = await Promise.all([
    recentFailures(db, accountKey, since),
    recentFailures(db, pairKey, since),
    input.ip ? recentFailures(db, `ip:${input.ip}`, since) : Promise.resolve({ n: 0, last: null }),
  ]);
  if (pair.n >= limits.maxPerEmail || ip.n >= limits.maxPerIp) throw tooMany();
  const backoffAfter = limits.backoffAfter ?? 10;
  if (account.n >= backoffAfter && account.last) {
    const waitMs = Math.min(2 ** (account.n - backoffAfter + 1), MAX_BACKOFF_SECONDS) * 1000;
    const left = account.last.getTime() + waitMs - now;
    if (left > 0) throw tooMany(Math.ceil(left / 1000));
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

  // A success forgives this account's earlier failures (the address's stay counted).
  await db.delete(loginAttempts).where(and(sql`${loginAttempts.key} in (${accountKey}, ${pairKey})`, eq(loginAttempts.succeeded, false)));
  await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, user.id));
  return { id: user.id, workspaceId: user.workspaceId, role: user.role, name: user.name, email: user.email };
}
