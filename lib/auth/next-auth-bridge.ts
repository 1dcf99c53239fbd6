import "server-only";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { getAuthOptions } from "./options";

// The sign-in page (app/login/route.ts) signs people in through next-auth's own handler, called in
// the same process as /api/auth/* would be: one way in, so the CSRF check, authorize (with
// lib/auth/login.ts's throttling), the jwt callback that opens the session row, and the cookie's
// name, encryption and flags stay next-auth's. The handler reads the cookies and headers of the
// request being answered (next/headers): the browser's csrf cookie, its address for throttling.

export type NextAuthAnswer = { status: number; body: Record<string, unknown>; setCookies: string[] };

async function call(req: NextRequest, action: [string, ...string[]], form?: Record<string, string>): Promise<NextAuthAnswer> {
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  if (form) headers.set("content-type", "application/x-www-form-urlencoded");
  const inner = new NextRequest(new URL(`/api/auth/${action.join("/")}`, req.url), {
    method: form ? "POST" : "GET",
    headers,
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const res = (await NextAuth(inner as never, { params: Promise.resolve({ nextauth: action }) } as never, getAuthOptions())) as Response;
  const body = (res.headers.get("content-type") ?? "").includes("application/json") ? ((await res.json()) as Record<string, unknown>) : {};
  return { status: res.status, body, setCookies: res.headers.getSetCookie() };
}

/** The CSRF token for the form, and the cookie that goes with it when the browser has none yet. */
export async function nextAuthCsrf(req: NextRequest): Promise<{ csrfToken: string; setCookies: string[] }> {
  const res = await call(req, ["csrf"]);
  if (typeof res.body.csrfToken !== "string") throw new Error(`next-auth csrf answered ${res.status} without a token`);
  return { csrfToken: res.body.csrfToken, setCookies: res.setCookies };
}

/** POST /api/auth/callback/credentials, as lib/client/auth.ts posts it: `url` carries `?error=` on refusal. */
export async function nextAuthCredentials(req: NextRequest, fields: { email: string; password: string; csrfToken: string }): Promise<{ status: number; url: string | null; setCookies: string[] }> {
  const res = await call(req, ["callback", "credentials"], { ...fields, json: "true" });
  return { status: res.status, url: typeof res.body.url === "string" ? res.body.url : null, setCookies: res.setCookies };
}
