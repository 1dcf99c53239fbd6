import { NextResponse, type NextRequest } from "next/server";
import { getAuthSecret } from "@/lib/env";
import { readSessionClaims } from "@/lib/auth/session-token";
import { API_CSP, contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/http/security-headers";

// Every request: a fresh CSP nonce (Next puts it on its own scripts; the root layout reads it for
// the theme script), the hardening headers, and for the app's pages a signed-in check (the layout
// then checks the session against the database). API routes answer 401 JSON themselves.
const PROTECTED = /^\/(inbox|settings|reports|team|payments)(\/|$)/;
// The customer's pay page: its URL is the credential, so it is never stored, never indexed, and
// never handed on as a Referer (to Stripe's checkout, or to a link the customer follows).
const PAY_PAGE = /^\/pay\//;
// JSON and files: no page, so no script for a nonce to admit. Their policy is fixed and the request
// goes on untouched (rewriting its headers costs Next a copy per call, issue 14).
const API = /^\/api\/(?!auth\/)/;
// The sign-in page runs no script (app/login/route.ts): it answers its own policy, with no nonce to
// hand over, so its request goes on untouched too.
const LOGIN_PAGE = /^\/login\/?$/;
const PAY_PAGE_HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer" };

export async function proxy(req: NextRequest) {
  const https = req.nextUrl.protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
  if (API.test(req.nextUrl.pathname)) {
    const res = NextResponse.next();
    res.headers.set("Content-Security-Policy", API_CSP);
    for (const [k, v] of Object.entries(securityHeaders({ https }))) res.headers.set(k, v);
    return res;
  }
  if (LOGIN_PAGE.test(req.nextUrl.pathname)) {
    const res = NextResponse.next();
    for (const [k, v] of Object.entries(securityHeaders({ https }))) res.headers.set(k, v);
    return res;
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== "production" });

  let res: NextResponse;
  if (PROTECTED.test(req.nextUrl.pathname) && !(await readSessionClaims({ cookies: req.cookies, headers: req.headers, secret: getAuthSecret() }))) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
    res = NextResponse.redirect(login);
  } else {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    res = NextResponse.next({ request: { headers } });
  }
  res.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(securityHeaders({ https }))) res.headers.set(k, v);
  if (PAY_PAGE.test(req.nextUrl.pathname)) for (const [k, v] of Object.entries(PAY_PAGE_HEADERS)) res.headers.set(k, v);
  return res;
}

export const config = {
  // Not Next's static files: they carry no user data and are served with their own caching.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
