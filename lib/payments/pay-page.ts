import { DEFAULT_LOCALE, isAppLocale, LOCALES, negotiateLocale, type AppLocale } from "@/i18n/locales";
import { PAY_CATALOGS } from "@/messages";
import { formatMoney, isCurrency, type Currency } from "./money";
import type { PublicPaymentView } from "./queries";

// The customer's pay page (/pay/<token>) as data: which language, every amount and date already
// formatted in it, the status page or the form to show, and the notice a redirect asked for.
// Pure: app/pay/[token]/route.ts reads the view and renders this with lib/payments/pay-page-html.ts.

export type PayLabels = (typeof PAY_CATALOGS)["en"];
export type CardField = "cardNumber" | "expiry" | "cvc" | "name";
export const CARD_FIELDS: readonly CardField[] = ["cardNumber", "expiry", "cvc", "name"];

/** What a redirect after the card form carries back (`?result=…&code=…`); anything else is ignored. */
export const PAY_RESULTS = ["paid", "declined", "failed", "rate_limited", "error"] as const;
export type PayResult = (typeof PAY_RESULTS)[number];
const FAILURE_CODES = ["card_declined", "expired_card", "incorrect_number", "processing_error"] as const;
type FailureCode = (typeof FAILURE_CODES)[number];

/** How often the page looks again while a redirecting provider's payment is being confirmed (≈ 2 minutes). */
export const CONFIRM_REFRESH_SECONDS = 5;
export const CONFIRM_MAX_REFRESHES = 24;

const DEFAULT_TAGS: Record<AppLocale, string> = { en: "en-GB", it: "it-IT" };

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** "it_IT" / "en-us" → "it-IT" / "en-US" when Intl knows it; null otherwise. */
function canonicalTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, "-"))[0] ?? null;
  } catch {
    return null;
  }
}

const languageOf = (tag: string) => tag.split("-")[0]!.toLowerCase();

export type PayLocale = {
  /** The language of the page's words. */
  lang: AppLocale;
  /** The BCP 47 tag numbers and dates are formatted with ("en-US", "it-IT"). */
  formatLocale: string;
  /** Whether the customer chose it on the page (`?lang=`): links and the form keep it. */
  chosen: boolean;
};

/**
 * The customer's language: their own choice on the page (`?lang=`), else the language WhatsApp
 * reported for them (the view's `locale`), else their browser's Accept-Language, else English.
 * A region they gave ("en_US", "en-US") shapes the numbers and dates when its language is the page's.
 */
export function choosePayLocale({ query, viewLocale, acceptLanguage }: { query?: string | null; viewLocale?: string | null; acceptLanguage?: string | null }): PayLocale {
  const regionFor = (lang: AppLocale, ...candidates: (string | null)[]) =>
    candidates.find((t): t is string => !!t && languageOf(t) === lang && t.includes("-")) ?? DEFAULT_TAGS[lang];
  const fromView = canonicalTag(viewLocale);
  const accepted = (acceptLanguage ?? "")
    .split(",")
    .map((p) => canonicalTag(p.split(";")[0]))
    .filter((t): t is string => !!t);
  if (isAppLocale(query)) return { lang: query, formatLocale: regionFor(query, fromView, ...accepted), chosen: true };
  if (fromView && isAppLocale(languageOf(fromView))) {
    const lang = languageOf(fromView) as AppLocale;
    return { lang, formatLocale: regionFor(lang, fromView), chosen: false };
  }
  const negotiated = negotiateLocale(acceptLanguage);
  if (negotiated) return { lang: negotiated, formatLocale: regionFor(negotiated, ...accepted), chosen: false };
  return { lang: DEFAULT_LOCALE, formatLocale: DEFAULT_TAGS[DEFAULT_LOCALE], chosen: false };
}

export function payLabels(lang: AppLocale): PayLabels {
  return PAY_CATALOGS[lang];
}

/** A date and time as the customer reads it, in the business's time zone, with that zone named. */
export function formatPayDate(iso: string, { formatLocale, timeZone }: { formatLocale: string; timeZone: string }): string {
  const opts: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
  try {
    return new Intl.DateTimeFormat(formatLocale, { ...opts, timeZone }).format(new Date(iso));
  } catch {
    // An unknown zone in the data must not take the page down: UTC, named as such.
    return new Intl.DateTimeFormat(formatLocale, { ...opts, timeZone: "UTC" }).format(new Date(iso));
  }
}

export function formatPercent(percent: number, formatLocale: string): string {
  return new Intl.NumberFormat(formatLocale, { style: "percent", maximumFractionDigits: 2 }).format(percent / 100);
}

/** "VA" for "Volo Azzurro": the business's monogram beside its name. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  const letters = words.slice(0, 2).map((w) => [...w.replace(/^[^\p{L}\p{N}]+/u, "")][0] ?? "");
  return letters.join("").toLocaleUpperCase() || "€";
}

export type PayState = "payable" | "paid" | "refunded" | "partially_refunded" | "expired" | "cancelled";

export type PayQuery = { result?: string | null; code?: string | null; checkout?: string | null; wait?: string | null };

export type CardFormState = {
  /** Per field, the sentence to show under it (already in the page's language). */
  errors: Partial<Record<CardField, string>>;
  /** What the customer typed and may see again: never the card number or the security code. */
  values: { expiry?: string; name?: string };
};

export type PayAction =
  | { kind: "card"; action: string; button: string; form: CardFormState | null; testMode: boolean }
  | { kind: "redirect"; url: string; button: string }
  | { kind: "confirming"; refreshUrl: string | null };

export type PayPageModel = {
  lang: AppLocale;
  labels: PayLabels;
  documentTitle: string;
  state: PayState;
  business: { name: string; verified: boolean; initials: string };
  description: string;
  reference: string;
  amount: string;
  /** "Pay by 14 March 2027, 18:30 CET" */
  expires: string;
  lines: { name: string; detail: string; amount: string }[];
  totals: { label: string; value: string; total?: boolean }[];
  /** The status page's words, for anything but `payable`. */
  status: { title: string; body: string; paidOn: string | null } | null;
  /** Above the form: what the last attempt did, or that a redirecting provider's payment is being confirmed. */
  notice: { tone: "error" | "info"; title?: string; text: string } | null;
  pay: PayAction | null;
  /** The language switch: the other languages with links that keep everything else. */
  languages: { lang: AppLocale; label: string; href: string; current: boolean }[];
};

const LANGUAGE_NAMES: Record<AppLocale, string> = { en: "English", it: "Italiano" };

function isFailureCode(code: string | null | undefined): code is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(code ?? "");
}

function stateOf(view: PublicPaymentView): PayState {
  if (view.payable) return "payable";
  switch (view.status) {
    case "paid":
    case "refunded":
    case "partially_refunded":
    case "cancelled":
      return view.status;
    default:
      return "expired";
  }
}

/** A link the page may send the customer to: only http(s), never javascript: or data:. */
function safeExternalUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

export function buildPayPageModel(
  view: PublicPaymentView,
  { locale, token, query = {}, form = null }: { locale: PayLocale; token: string; query?: PayQuery; form?: CardFormState | null },
): PayPageModel {
  const { lang, formatLocale } = locale;
  const t = payLabels(lang);
  const currency: Currency = isCurrency(view.currency) ? view.currency : "EUR";
  const money = (minor: number) => formatMoney(minor, currency, formatLocale);
  const date = (iso: string) => formatPayDate(iso, { formatLocale, timeZone: view.timeZone });
  const business = view.business.name.trim() || "—";
  const amount = money(view.amountTotal);
  const state = stateOf(view);
  const base = `/pay/${encodeURIComponent(token)}`;
  const withLang = (params: Record<string, string> = {}) => {
    const q = new URLSearchParams({ ...(locale.chosen ? { lang } : {}), ...params }).toString();
    return q ? `${base}?${q}` : base;
  };

  const totals: PayPageModel["totals"] = [];
  if (view.amountDiscount > 0 || view.amountTax > 0) totals.push({ label: t.subtotal, value: money(view.amountSubtotal) });
  if (view.amountDiscount > 0) totals.push({ label: t.discount, value: `−${money(view.amountDiscount)}` });
  if (view.amountTax > 0) totals.push({ label: fill(t.tax, { rate: formatPercent(view.taxRate, formatLocale) }), value: money(view.amountTax) });
  totals.push({ label: t.total, value: amount, total: true });

  let status: PayPageModel["status"] = null;
  const paidOn = view.paidAt ? fill(t.status.paidOn, { date: date(view.paidAt) }) : null;
  if (state === "paid") status = { title: t.status.paid.title, body: fill(t.status.paid.body, { amount, business }), paidOn };
  if (state === "refunded") status = { title: t.status.refunded.title, body: fill(t.status.refunded.body, { amount, business }), paidOn };
  if (state === "partially_refunded") {
    status = { title: t.status.partially_refunded.title, body: fill(t.status.partially_refunded.body, { amount, business, refunded: money(view.amountRefunded) }), paidOn };
  }
  if (state === "expired") status = { title: t.status.expired.title, body: fill(t.status.expired.body, { date: date(view.expiresAt), business }), paidOn: null };
  if (state === "cancelled") status = { title: t.status.cancelled.title, body: fill(t.status.cancelled.body, { business }), paidOn: null };

  let notice: PayPageModel["notice"] = null;
  let pay: PayAction | null = null;
  if (state === "payable") {
    const result = (PAY_RESULTS as readonly string[]).includes(query.result ?? "") ? (query.result as PayResult) : null;
    if (form && Object.keys(form.errors).length) notice = { tone: "error", text: t.fieldErrors.summary };
    else if (result === "declined") notice = { tone: "error", text: t.failures[isFailureCode(query.code) && query.code !== "processing_error" ? query.code : "card_declined"] };
    else if (result === "failed") notice = { tone: "error", text: t.failures.processing_error };
    else if (result === "rate_limited") notice = { tone: "error", text: t.failures.rate_limited };
    else if (result === "error") notice = { tone: "error", text: t.failures.error };

    const checkoutUrl = safeExternalUrl(view.checkoutUrl);
    if (view.provider === "sandbox") {
      pay = { kind: "card", action: `${withLang()}#pay`, button: fill(t.payButton, { amount }), form, testMode: true };
    } else if (query.checkout === "success") {
      // Back from the provider's checkout before its webhook settled the request: look again, for a while.
      const waited = Math.max(0, Math.min(CONFIRM_MAX_REFRESHES, Number.parseInt(query.wait ?? "0", 10) || 0));
      const slow = waited >= CONFIRM_MAX_REFRESHES;
      notice = { tone: "info", title: t.confirming.title, text: slow ? t.confirming.slow : t.confirming.body };
      pay = { kind: "confirming", refreshUrl: slow ? null : withLang({ checkout: "success", wait: String(waited + 1) }) };
    } else if (checkoutUrl) {
      pay = { kind: "redirect", url: checkoutUrl, button: fill(t.payButton, { amount }) };
    } else {
      // A redirecting provider without a checkout to send the customer to: nothing to press.
      notice = { tone: "error", text: t.failures.error };
    }
  }

  return {
    lang,
    labels: t,
    documentTitle: fill(t.documentTitle, { business }),
    state,
    business: { name: business, verified: view.business.verified, initials: initialsOf(business) },
    description: view.description,
    reference: view.reference,
    amount,
    expires: fill(t.payBy, { date: date(view.expiresAt) }),
    lines: view.lineItems.map((li) => ({
      name: li.name,
      detail: fill(t.lineDetail, { quantity: new Intl.NumberFormat(formatLocale).format(li.quantity), unit: money(li.unitAmount) }),
      amount: money(li.amount),
    })),
    totals,
    status,
    notice,
    pay,
    languages: LOCALES.map((l) => ({
      lang: l,
      label: LANGUAGE_NAMES[l],
      href: `${base}?${new URLSearchParams({ lang: l }).toString()}`,
      current: l === lang,
    })),
  };
}

/**
 * The card form as the customer sent it: the field errors in the page's language (never the
 * schema's English), and what may be shown again. Which fields failed comes from the schema.
 */
export function cardFormErrors(failedFields: readonly string[], lang: AppLocale, sent: Record<string, string>): CardFormState {
  const t = payLabels(lang).fieldErrors;
  const errors: CardFormState["errors"] = {};
  for (const f of CARD_FIELDS) if (failedFields.includes(f)) errors[f] = t[f];
  return { errors, values: { expiry: sent.expiry?.slice(0, 10), name: sent.name?.slice(0, 100) } };
}

/** The query a 303 after the card form carries back to the page. */
export function resultQuery(outcome: { result: PayResult; code?: string | null }, lang: AppLocale | null): string {
  const q = new URLSearchParams();
  if (lang) q.set("lang", lang);
  q.set("result", outcome.result);
  if (outcome.code && isFailureCode(outcome.code)) q.set("code", outcome.code);
  return q.toString();
}
