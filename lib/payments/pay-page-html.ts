import type { AppLocale } from "@/i18n/locales";
import { escapeHtml, html, SafeHtml } from "@/lib/content/html";
import { CONFIRM_REFRESH_SECONDS, fill, payLabels, type CardField, type PayAction, type PayPageModel } from "./pay-page";

// The pay page as one HTML document: no script at all (the lightest page of the app, and nothing
// for a slow phone to download before the customer can pay), one inline stylesheet in the app's
// colours, a plain <form method="post"> answered with a redirect. Every value is escaped by `html`.

// The template helpers moved to lib/http/html.ts (the sign-in page uses them too); kept here for callers.
export { escapeHtml, html, SafeHtml };

// Lucide's outlines (the app's icon set), inline.
const ICONS = {
  badge: '<path d="M3.85 8.62a4 4 0 0 1 4.78-4.77 4 4 0 0 1 6.74 0 4 4 0 0 1 4.78 4.78 4 4 0 0 1 0 6.74 4 4 0 0 1-4.77 4.78 4 4 0 0 1-6.75 0 4 4 0 0 1-4.78-4.77 4 4 0 0 1 0-6.76Z" class="fill"/><path d="m16 9-5.5 5.5L8 12" class="tick"/>',
  check: '<circle cx="12" cy="12" r="10"/><path d="m16 9-5.5 5.5L8 12"/>',
  clock: '<circle cx="12" cy="12" r="10"/><path d="M12 6v6l4 2"/>',
  lock: '<rect width="18" height="11" x="3" y="11" rx="2" ry="2"/><path d="M7 11V7a5 5 0 0 1 10 0v4"/>',
  x: '<circle cx="12" cy="12" r="10"/><path d="m15 9-6 6"/><path d="m9 9 6 6"/>',
  alert: '<circle cx="12" cy="12" r="10"/><path d="M12 8v4"/><path d="M12 16h.01"/>',
  undo: '<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 5.5 5.5a5.5 5.5 0 0 1-5.5 5.5H11"/>',
  calendarX: '<path d="M8 2v3"/><path d="M16 2v3"/><rect x="3" y="3" width="18" height="18" rx="2"/><path d="M3 9h18"/><path d="m14 13-4 4"/><path d="m10 13 4 4"/>',
  card: '<rect width="20" height="14" x="2" y="5" rx="2"/><line x1="2" x2="22" y1="10" y2="10"/><path d="M6 14h2"/>',
  info: '<circle cx="12" cy="12" r="10"/><path d="M12 16v-4"/><path d="M12 8h.01"/>',
  spinner: '<path d="M21 12a9 9 0 1 1-6.219-8.56"/>',
} as const;

function icon(name: keyof typeof ICONS, cls = "icon"): SafeHtml {
  return new SafeHtml(
    `<svg class="${cls}" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${ICONS[name]}</svg>`,
  );
}

// The app's design tokens (app/globals.css), light and dark, and a phone-first layout. The dark
// accent is a shade deeper than the app's so the white label of the pay button keeps 4.5:1.
const STYLES = `
:root{--canvas:#f6f7f7;--surface:#fff;--surface-2:#f4f5f5;--surface-3:#eceeee;--line:#e5e7e8;--line-strong:#c9cdd0;--fg:#17191c;--fg-2:#3d4248;--muted:#5f656c;--accent:#0b6f60;--accent-hover:#095c50;--accent-fg:#fff;--accent-text:#0a6a5c;--accent-soft:#e5f3f0;--accent-soft-fg:#0a5a4e;--danger:#b42323;--danger-soft:#fdf0f0;--danger-line:#f2caca;--warning:#8a4e00;--warning-soft:#fdf5e6;--ring:#0b6f60;color-scheme:light}
@media (prefers-color-scheme:dark){:root{--canvas:#0d0f10;--surface:#141618;--surface-2:#1a1d20;--surface-3:#22262a;--line:#25292d;--line-strong:#3d4349;--fg:#e8eaec;--fg-2:#c3c8cc;--muted:#99a0a7;--accent:#127a69;--accent-hover:#168a76;--accent-fg:#fff;--accent-text:#4fc7b0;--accent-soft:#13302b;--accent-soft-fg:#a9e6d9;--danger:#f28b8b;--danger-soft:#2c1718;--danger-line:#5a2a2c;--warning:#e3a446;--warning-soft:#2a2113;--ring:#3fb8a0;color-scheme:dark}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--canvas);color:var(--fg);font:15px/1.45 "Inter","InterVariable",ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;-webkit-font-smoothing:antialiased}
h1,h2,p,dl,dd,ul{margin:0}ul{padding:0;list-style:none}
a{color:var(--accent-text)}
.wrap{max-width:30rem;margin:0 auto;padding:20px 16px 32px}
#pay{scroll-margin-top:12px}
@media (min-width:640px){.wrap{padding-top:48px}}
.payee{display:flex;align-items:center;gap:12px;margin-bottom:16px}
.mono{flex:none;display:grid;place-items:center;width:44px;height:44px;border-radius:50%;background:var(--accent-soft);color:var(--accent-soft-fg);font-weight:600;font-size:16px;letter-spacing:.02em}
.payee-text{min-width:0}
h1{font-size:17px;line-height:1.3;font-weight:600;display:flex;align-items:center;gap:6px;flex-wrap:wrap}
.badge{display:inline-flex;align-items:center;gap:4px;color:var(--accent-text);font-size:12px;font-weight:500}
.badge svg{width:18px;height:18px}.badge .fill{fill:var(--accent);stroke:var(--accent)}.badge .tick{stroke:var(--accent-fg)}
.sub{color:var(--muted);font-size:13px}
.card{background:var(--surface);border:1px solid var(--line);border-radius:14px;padding:20px;margin-top:12px;box-shadow:0 1px 2px rgb(0 0 0/.04)}
.eyebrow{color:var(--muted);font-size:12px;font-weight:600;letter-spacing:.06em;text-transform:uppercase}
.amount{font-size:34px;line-height:1.15;font-weight:650;letter-spacing:-.01em;margin-top:4px;font-variant-numeric:tabular-nums}
.desc{margin-top:6px;color:var(--fg-2);overflow-wrap:anywhere}
.meta{display:flex;align-items:center;gap:6px;margin-top:14px;padding-top:14px;border-top:1px solid var(--line);color:var(--fg-2);font-size:14px}
.meta svg{width:16px;height:16px;flex:none;color:var(--muted)}
h2{font-size:15px;font-weight:600;display:flex;align-items:center;gap:8px}
h2 svg{width:18px;height:18px;color:var(--muted)}
.lines{margin-top:12px}
.line{display:flex;justify-content:space-between;gap:16px;padding:10px 0;border-top:1px solid var(--line)}
.line:first-child{border-top:0;padding-top:0}
.line-name{overflow-wrap:anywhere}
.line-detail{display:block;color:var(--muted);font-size:13px;font-variant-numeric:tabular-nums}
.num{font-variant-numeric:tabular-nums;white-space:nowrap;text-align:right}
.totals{margin-top:6px;padding-top:10px;border-top:1px solid var(--line)}
.totals div{display:flex;justify-content:space-between;gap:16px;padding:3px 0;color:var(--fg-2);font-size:14px}
.totals .total{margin-top:6px;padding-top:10px;border-top:1px solid var(--line);color:var(--fg);font-size:16px;font-weight:650}
.ref{margin-top:14px;color:var(--muted);font-size:13px;display:flex;justify-content:space-between;gap:12px}
.ref dd{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace;color:var(--fg-2);overflow-wrap:anywhere}
.notice{display:flex;gap:10px;align-items:flex-start;margin-top:12px;padding:12px 14px;border-radius:12px;font-size:14px;border:1px solid}
.notice svg{width:20px;height:20px;flex:none;margin-top:1px}
.notice.error{background:var(--danger-soft);color:var(--danger);border-color:var(--danger-line)}
.notice.info{background:var(--accent-soft);color:var(--accent-soft-fg);border-color:transparent}
.notice strong{display:block;font-weight:600}
.test{margin-top:10px;padding:10px 12px;border-radius:10px;background:var(--warning-soft);color:var(--warning);font-size:13px}
form{margin-top:14px;display:grid;gap:14px}
.row{display:grid;grid-template-columns:1fr 1fr;gap:12px}
label{display:block;font-size:14px;font-weight:500;color:var(--fg-2);margin-bottom:6px}
.hint{font-weight:400;color:var(--muted)}
input{display:block;width:100%;height:48px;padding:0 14px;border:1px solid var(--line-strong);border-radius:10px;background:var(--surface);color:var(--fg);font:inherit;font-size:16px;font-variant-numeric:tabular-nums}
input::placeholder{color:var(--muted);opacity:.7}
input:focus{outline:2px solid var(--ring);outline-offset:1px;border-color:var(--ring)}
input[aria-invalid=true]{border-color:var(--danger)}
.field-error{margin-top:6px;color:var(--danger);font-size:13px}
.button{display:flex;align-items:center;justify-content:center;gap:8px;width:100%;min-height:52px;margin-top:4px;padding:12px 16px;border:0;border-radius:12px;background:var(--accent);color:var(--accent-fg);font:inherit;font-size:17px;font-weight:600;text-decoration:none;cursor:pointer}
.button:hover{background:var(--accent-hover)}
.button:focus-visible{outline:2px solid var(--ring);outline-offset:2px}
.button svg{width:18px;height:18px}
.note{margin-top:10px;color:var(--muted);font-size:13px;text-align:center}
.status{text-align:center;padding:28px 20px}
.status-icon{display:grid;place-items:center;width:60px;height:60px;margin:0 auto 14px;border-radius:50%}
.status-icon svg{width:30px;height:30px}
.status-icon.ok{background:var(--accent-soft);color:var(--accent-text)}
.status-icon.warn{background:var(--warning-soft);color:var(--warning)}
.status-icon.off{background:var(--surface-3);color:var(--fg-2)}
.status h1,.status h2{display:block;font-size:20px;line-height:1.3;font-weight:600}
.status p{margin-top:8px;color:var(--fg-2)}
.status .when{color:var(--muted);font-size:14px}
.spin{animation:spin 1s linear infinite}@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spin{animation:none}}
footer{margin-top:20px;color:var(--muted);font-size:13px;text-align:center}
footer svg{width:14px;height:14px;vertical-align:-2px;margin-right:6px}
.langs{display:flex;justify-content:center;gap:4px;margin-top:10px}
.langs a{padding:6px 10px;border-radius:8px;color:var(--muted);text-decoration:none}
.langs a[aria-current]{color:var(--fg);font-weight:600;background:var(--surface-3)}
.langs a:hover{color:var(--fg)}
.langs a:focus-visible{outline:2px solid var(--ring)}
`.replace(/\n/g, "");

function document({ lang, title, body, refresh }: { lang: AppLocale; title: string; body: SafeHtml; refresh?: string | null }): string {
  return `<!DOCTYPE html>${html`<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light dark"><meta name="theme-color" content="#f6f7f7" media="(prefers-color-scheme: light)"><meta name="theme-color" content="#0d0f10" media="(prefers-color-scheme: dark)">${refresh ? html`<meta http-equiv="refresh" content="${`${CONFIRM_REFRESH_SECONDS};url=${refresh}`}">` : ""}<title>${title}</title><style>${new SafeHtml(STYLES)}</style></head><body>${body}</body></html>`}`;
}

function footer(m: Pick<PayPageModel, "labels" | "languages">): SafeHtml {
  return html`<footer><p>${icon("lock")}${m.labels.secureFooter}</p><nav class="langs" aria-label="${m.labels.language}">${m.languages.map(
    (l) => html`<a href="${l.href}" hreflang="${l.lang}" lang="${l.lang}"${l.current ? new SafeHtml(' aria-current="true"') : ""}>${l.label}</a>`,
  )}</nav></footer>`;
}

function payee(m: PayPageModel): SafeHtml {
  return html`<header class="payee"><div class="mono" aria-hidden="true">${m.business.initials}</div><div class="payee-text"><h1>${m.business.name}${
    m.business.verified ? html`<span class="badge" role="img" aria-label="${m.labels.verified}" title="${m.labels.verified}">${icon("badge", "")}</span>` : ""
  }</h1><p class="sub">${m.labels.paymentRequest}</p></div></header>`;
}

function summary(m: PayPageModel, { withDescription }: { withDescription: boolean }): SafeHtml {
  return html`<section class="card" aria-labelledby="summary-title"><h2 id="summary-title">${m.labels.summary}</h2>${
    withDescription ? html`<p class="desc">${m.description}</p>` : ""
  }<ul class="lines">${m.lines.map(
    (l) => html`<li class="line"><span class="line-name">${l.name}<span class="line-detail">${l.detail}</span></span><span class="num">${l.amount}</span></li>`,
  )}</ul><dl class="totals">${m.totals.map((t) => html`<div${t.total ? new SafeHtml(' class="total"') : ""}><dt>${t.label}</dt><dd class="num">${t.value}</dd></div>`)}</dl><dl class="ref"><dt>${m.labels.reference}</dt><dd>${m.reference}</dd></dl></section>`;
}

function field(
  f: CardField,
  m: PayPageModel,
  form: Extract<PayAction, { kind: "card" }>["form"],
  attrs: { label: string; hint?: string; autocomplete: string; inputmode?: string; placeholder?: string; maxlength: number },
): SafeHtml {
  const error = form?.errors[f];
  const value = f === "expiry" || f === "name" ? form?.values[f] : undefined;
  const describedBy = error ? `${f}-error` : attrs.hint ? `${f}-hint` : null;
  return html`<div><label for="${f}">${attrs.label}${attrs.hint ? html` <span class="hint" id="${`${f}-hint`}">(${attrs.hint})</span>` : ""}</label><input id="${f}" name="${f}" autocomplete="${attrs.autocomplete}"${
    attrs.inputmode ? html` inputmode="${attrs.inputmode}"` : ""
  }${attrs.placeholder ? html` placeholder="${attrs.placeholder}"` : ""} maxlength="${attrs.maxlength}" required${value ? html` value="${value}"` : ""}${
    error ? new SafeHtml(' aria-invalid="true"') : ""
  }${describedBy ? html` aria-describedby="${describedBy}"` : ""}>${error ? html`<p class="field-error" id="${`${f}-error`}">${error}</p>` : ""}</div>`;
}

function payBlock(m: PayPageModel): SafeHtml {
  const p = m.pay;
  if (!p) return html``;
  const t = m.labels;
  if (p.kind === "confirming") return html``;
  if (p.kind === "redirect") {
    return html`<section class="card" aria-label="${fill(t.payButton, { amount: m.amount })}"><a class="button" href="${p.url}" rel="noreferrer">${icon("lock")}${p.button}</a><p class="note">${t.redirectNote}</p></section>`;
  }
  return html`<section class="card" aria-labelledby="pay-title"><h2 id="pay-title">${icon("card")}${t.payByCard}</h2>${
    p.testMode ? html`<p class="test">${t.testMode}</p>` : ""
  }<form method="post" action="${p.action}">${field("cardNumber", m, p.form, { label: t.cardNumber, autocomplete: "cc-number", inputmode: "numeric", placeholder: "1234 1234 1234 1234", maxlength: 23 })}<div class="row">${field(
    "expiry",
    m,
    p.form,
    { label: t.expiry, autocomplete: "cc-exp", inputmode: "numeric", placeholder: t.expiryHint, maxlength: 7 },
  )}${field("cvc", m, p.form, { label: t.cvc, autocomplete: "cc-csc", inputmode: "numeric", placeholder: "123", maxlength: 4 })}</div>${field("name", m, p.form, {
    label: t.cardName,
    autocomplete: "cc-name",
    maxlength: 100,
  })}<button class="button" type="submit">${icon("lock")}${p.button}</button></form></section>`;
}

const STATUS_ICONS: Record<Exclude<PayPageModel["state"], "payable">, { icon: keyof typeof ICONS; tone: string }> = {
  paid: { icon: "check", tone: "ok" },
  refunded: { icon: "undo", tone: "ok" },
  partially_refunded: { icon: "undo", tone: "ok" },
  expired: { icon: "calendarX", tone: "warn" },
  cancelled: { icon: "x", tone: "off" },
};

/** The whole page for a pay link: the payee, then the form (or the status), then what is paid for. */
export function renderPayPage(m: PayPageModel): string {
  let content: SafeHtml;
  if (m.state === "payable") {
    const n = m.notice;
    const notice = n
      ? html`<div class="notice ${n.tone}" role="${n.tone === "error" ? "alert" : "status"}">${icon(n.tone === "error" ? "alert" : "spinner", n.tone === "info" ? "spin" : "icon")}<p>${
          n.title ? html`<strong>${n.title}</strong>` : ""
        }${n.text}</p></div>`
      : "";
    // Read top to bottom like an invoice: how much and until when, what for, then pay. The form
    // posts to #pay, so after an attempt the browser opens at the notice and the form again.
    content = html`<section class="card" aria-labelledby="due"><p class="eyebrow" id="due">${m.labels.amountDue}</p><p class="amount">${m.amount}</p><p class="desc">${m.description}</p><p class="meta">${icon("clock")}<span>${m.expires}</span></p></section>${summary(m, { withDescription: false })}<div id="pay">${notice}${payBlock(m)}</div>`;
  } else {
    const s = m.status!;
    const look = STATUS_ICONS[m.state];
    content = html`<section class="card status" aria-labelledby="status-title"><div class="status-icon ${look.tone}">${icon(look.icon)}</div><h2 id="status-title">${s.title}</h2><p>${s.body}</p>${
      s.paidOn ? html`<p class="when">${s.paidOn}</p>` : ""
    }</section>${summary(m, { withDescription: true })}`;
  }
  const refresh = m.pay?.kind === "confirming" ? m.pay.refreshUrl : null;
  return document({ lang: m.lang, title: m.documentTitle, refresh, body: html`<div class="wrap">${payee(m)}<main>${content}</main>${footer(m)}</div>` });
}

/** A page with nothing but a message (a link that leads nowhere, a failure): no business or customer data. */
function renderPayMessage(lang: AppLocale, { title, body, tone }: { title: string; body: string; tone: "off" | "warn" }): string {
  return document({
    lang,
    title,
    body: html`<div class="wrap"><main><section class="card status" aria-labelledby="status-title"><div class="status-icon ${tone}">${icon(tone === "off" ? "x" : "alert")}</div><h1 id="status-title">${title}</h1><p>${body}</p></section></main></div>`,
  });
}

/** A wrong or unknown token: said plainly (404). */
export function renderPayNotFound(lang: AppLocale): string {
  const t = payLabels(lang).status.notFound;
  return renderPayMessage(lang, { title: t.title, body: t.body, tone: "off" });
}

/** The page could not be read (the database is unwell): try again. */
export function renderPayUnavailable(lang: AppLocale): string {
  const t = payLabels(lang);
  return renderPayMessage(lang, { title: t.paymentRequest, body: t.failures.error, tone: "warn" });
}

/**
 * What every answer of /pay/* carries (proxy.ts sets the same): never stored, never indexed, and
 * the token in the URL never sent on as a Referer (to Stripe, or to a link in a description).
 */
export const PAY_PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
} as const;
