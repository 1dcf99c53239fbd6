import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError, describeError } from "@/lib/errors/app-error";
import { assertSameOriginForm, readRawBody } from "@/lib/http/route";
import { payWithSandbox } from "@/lib/messages/payment-request-reply";
import { buildPayPageModel, cardFormErrors, choosePayLocale, resultQuery, type CardFormState, type PayLocale, type PayResult } from "@/lib/payments/pay-page";
import { PAY_PAGE_HEADERS, renderPayNotFound, renderPayPage, renderPayUnavailable } from "@/lib/payments/pay-page-html";
import { getPublicPaymentView, type PublicPaymentView } from "@/lib/payments/queries";
import { sandboxCardSchema } from "@/lib/payments/schemas";

// The page the customer opens from WhatsApp: /pay/<token>. A route handler that answers HTML with
// no script at all (an App Router page would ship React's runtime, ≈ 140 KiB gzip, to a phone that
// only needs a form). GET shows the request; POST is the sandbox card form, answered with a 303
// back to the page (POST-redirect-GET) carrying the outcome. The token is the only authority.
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ token: string }> };

function page(body: string, status: number, lang: string): Response {
  return new Response(body, { status, headers: { ...PAY_PAGE_HEADERS, "Content-Language": lang } });
}

function seeOther(location: string): Response {
  // Relative, so it stays right behind any proxy; the browser resolves it against this URL.
  return new Response(null, { status: 303, headers: { ...PAY_PAGE_HEADERS, Location: location } });
}

function localeOf(req: NextRequest, view: PublicPaymentView | null): PayLocale {
  return choosePayLocale({ query: req.nextUrl.searchParams.get("lang"), viewLocale: view?.locale, acceptLanguage: req.headers.get("accept-language") });
}

function isReason(err: unknown, reason: string): boolean {
  return err instanceof AppError && err.reason === reason;
}

async function findView(token: string): Promise<PublicPaymentView | null> {
  try {
    return await getPublicPaymentView(await getDb(), { token });
  } catch (err) {
    if (isReason(err, "payment.link_not_found")) return null;
    throw err;
  }
}

function render(req: NextRequest, token: string, view: PublicPaymentView, opts: { status?: number; form?: CardFormState | null } = {}): Response {
  const locale = localeOf(req, view);
  const q = req.nextUrl.searchParams;
  const model = buildPayPageModel(view, {
    locale,
    token,
    query: { result: q.get("result"), code: q.get("code"), checkout: q.get("checkout"), wait: q.get("wait") },
    form: opts.form ?? null,
  });
  return page(renderPayPage(model), opts.status ?? 200, locale.lang);
}

function notFound(req: NextRequest): Response {
  const { lang } = localeOf(req, null);
  return page(renderPayNotFound(lang), 404, lang);
}

export async function GET(req: NextRequest, { params }: Ctx) {
  const { token } = await params;
  try {
    const view = await findView(token);
    return view ? render(req, token, view) : notFound(req);
  } catch (err) {
    console.error("[pay] the pay page failed:", describeError(err));
    const { lang } = localeOf(req, null);
    return page(renderPayUnavailable(lang), 503, lang);
  }
}

export async function POST(req: NextRequest, { params }: Ctx) {
  const { token } = await params;
  const lang = req.nextUrl.searchParams.get("lang");
  const back = (outcome?: { result: PayResult; code?: string | null }) => {
    const chosen = lang === "en" || lang === "it" ? lang : null;
    const query = outcome ? resultQuery(outcome, chosen) : chosen ? `lang=${chosen}` : "";
    return seeOther(`/pay/${encodeURIComponent(token)}${query ? `?${query}` : ""}`);
  };
  try {
    assertSameOriginForm(req);
    const view = await findView(token);
    if (!view) return notFound(req);
    // Paid in another tab, expired, cancelled, or paid elsewhere (Stripe): the page says what it is.
    if (!view.payable || view.provider !== "sandbox") return back();

    const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const sent = type === "application/x-www-form-urlencoded" ? Object.fromEntries(new URLSearchParams(await readRawBody(req))) : {};
    const parsed = sandboxCardSchema.safeParse(sent);
    if (!parsed.success) {
      const failed = parsed.error.issues.map((i) => String(i.path[0] ?? ""));
      return render(req, token, view, { status: 422, form: cardFormErrors(failed, localeOf(req, view).lang, sent) });
    }

    const result = await payWithSandbox(await getDb(), { token, card: parsed.data });
    return back({ result: result.outcome, code: result.failure?.code });
  } catch (err) {
    if (isReason(err, "payment.link_not_found")) return notFound(req);
    if (isReason(err, "payment.not_payable")) return back();
    if (isReason(err, "payment.too_many_attempts")) return back({ result: "rate_limited" });
    if (isReason(err, "request.cross_site")) return seeOther(`/pay/${encodeURIComponent(token)}`);
    // Never a bare 500 for a customer paying: back to the page, which says to try again.
    console.error("[pay] the card form failed:", describeError(err));
    return back({ result: "error" });
  }
}
