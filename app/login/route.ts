import type { NextRequest } from "next/server";
import { getActor } from "@/lib/auth/session";
import { buildLoginPageModel, demoAccount, loginLocale, noticeFromQuery, parseLoginForm, signInOutcome, type FieldErrors, type LoginNotice } from "@/lib/auth/login-page";
import { LOGIN_PAGE_HEADERS, renderLoginPage } from "@/lib/auth/login-page-html";
import { nextAuthCredentials, nextAuthCsrf } from "@/lib/auth/next-auth-bridge";
import { safeCallbackUrl } from "@/lib/client/safe-callback";
import { getAppUrl, isDemoMode } from "@/lib/env";
import { AppError, describeError } from "@/lib/errors/app-error";
import { assertSameOriginForm, readRawBody } from "@/lib/http/route";

// The sign-in page: a route handler answering HTML with no script at all, as /pay/<token> does (an
// App Router page ships ≈ 132 KiB of React and router before its form; issue 14). GET shows the
// form; POST signs in through next-auth's own handler (lib/auth/next-auth-bridge.ts) and answers a
// 303 to where the person was going, or the page again saying what went wrong, email kept.
export const dynamic = "force-dynamic";

const NOTICE_STATUS: Record<LoginNotice, number> = { incorrect: 401, rateLimited: 429, expired: 403, unavailable: 503, fixFields: 422 };

function callbackOf(req: NextRequest, raw: string | null | undefined): string {
  const origins = [req.nextUrl.origin];
  try {
    origins.push(new URL(getAppUrl()).origin);
  } catch {
    // No configured URL: this request's own origin is the only one.
  }
  return safeCallbackUrl(raw, { origins });
}

function seeOther(location: string, setCookies: string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of setCookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
}

/** The page, with a CSRF token (and its cookie when the browser has none yet). */
async function page(req: NextRequest, opts: { status: number; callbackUrl: string; email?: string; notice?: LoginNotice | null; fieldErrors?: FieldErrors; demoPick?: string | null }): Promise<Response> {
  const lang = loginLocale(req.headers.get("accept-language"));
  const { csrfToken, setCookies } = await nextAuthCsrf(req);
  const model = buildLoginPageModel({ lang, csrfToken, demo: isDemoMode(), ...opts });
  const headers = new Headers({ ...LOGIN_PAGE_HEADERS, "Content-Language": lang, Vary: "Accept-Language, Cookie" });
  for (const c of setCookies) headers.append("Set-Cookie", c);
  return new Response(renderLoginPage(model), { status: opts.status, headers });
}

async function signedIn(): Promise<boolean> {
  try {
    // A live session (checked in the database, not just a valid cookie) goes straight on.
    return (await getActor()) !== null;
  } catch (err) {
    // The database is unwell: show the form; signing in will say so if it still is.
    console.error("[login] could not check the session:", describeError(err));
    return false;
  }
}

export async function GET(req: NextRequest) {
  const q = req.nextUrl.searchParams;
  const callbackUrl = callbackOf(req, q.get("callbackUrl"));
  if (await signedIn()) return seeOther(callbackUrl);
  return page(req, { status: 200, callbackUrl, notice: noticeFromQuery(q.get("error")), demoPick: demoAccount(q.get("as"), isDemoMode()) });
}

export async function POST(req: NextRequest) {
  let callbackUrl = callbackOf(req, req.nextUrl.searchParams.get("callbackUrl"));
  let email = "";
  try {
    assertSameOriginForm(req);
    const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const sent = type === "application/x-www-form-urlencoded" ? Object.fromEntries(new URLSearchParams(await readRawBody(req))) : {};
    email = typeof sent.email === "string" ? sent.email.trim().slice(0, 254) : "";
    if (sent.callbackUrl) callbackUrl = callbackOf(req, sent.callbackUrl);

    const parsed = parseLoginForm(sent);
    if (!parsed.ok) return await page(req, { status: 422, callbackUrl, email, fieldErrors: parsed.errors });

    const res = await nextAuthCredentials(req, parsed.form);
    const outcome = signInOutcome(res.status, res.url);
    if (outcome === "ok") return seeOther(callbackUrl, res.setCookies);
    return await page(req, { status: NOTICE_STATUS[outcome], callbackUrl, email, notice: outcome });
  } catch (err) {
    // A form posted from another site signs nobody in (login CSRF): back to a fresh page.
    if (err instanceof AppError && err.reason === "request.cross_site") return seeOther("/login");
    // Never a bare 500 on the way in: the form again, saying to try in a moment.
    console.error("[login] sign-in failed:", describeError(err));
    try {
      return await page(req, { status: 503, callbackUrl, email, notice: "unavailable" });
    } catch {
      return new Response("Sign-in is unavailable. Try again in a moment.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
  }
}
