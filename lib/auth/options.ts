import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { getAuthSecret, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { authenticate } from "./login";
import { clientIp } from "./client-ip";
import { openSession, revokeSession, SESSION_HOURS } from "./sessions";
import type { Role } from "./permissions";

export const signInSchema = z.object({
  email: z.string().trim().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          try {
            const user = await authenticate(
              await getDb(),
              { ...parsed.data, ip: clientIp(req?.headers as Record<string, unknown> | undefined, env.TRUSTED_PROXIES) },
              {
                maxPerEmail: env.LOGIN_MAX_FAILURES_PER_EMAIL,
                maxPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
                windowMinutes: env.LOGIN_WINDOW_MINUTES,
                backoffAfter: env.LOGIN_BACKOFF_AFTER,
              },
            );
            return { id: user.id, name: user.name, email: user.email, workspaceId: user.workspaceId, role: user.role };
          } catch (err) {
            // next-auth turns a thrown message into `?error=<message>`; null means bad credentials.
            if (err instanceof AppError && err.code === "rate_limited") throw new Error("RateLimited");
            if (err instanceof AppError) return null;
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as typeof user & { workspaceId: string; role: Role };
          token.uid = u.id;
          token.wid = u.workspaceId;
          token.role = u.role;
          token.sid = await openSession(await getDb(), { userId: u.id, workspaceId: u.workspaceId });
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          ...session.user,
          id: token.uid as string,
          workspaceId: token.wid as string,
          role: token.role as Role,
          sid: token.sid as string,
        };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(await getDb(), { sessionId: token.sid });
      },
    },
  };
}
