import { createHash } from "node:crypto";
import { html, SafeHtml } from "@/lib/content/html";
import type { LoginField, LoginPageModel } from "./login-page";

// The sign-in page as one HTML document with no script at all: an App Router page ships React
// and Next's router (≈ 132 KiB gzip) before a single field (issue 14). One inline stylesheet
// re-states what the App Router page (app/(auth)/login, before) took from Tailwind: the app's tokens (app/globals.css, light and
// dark), the `field`, `btn-primary` and `focus-ring` utilities, the card and its shadow. In dark the
// button is a shade deeper than the app's accent, as on the pay page, so its white label keeps 4.5:1.

const STYLES = `
:root{--canvas:#f6f7f7;--surface:#fff;--surface-2:#f4f5f5;--surface-3:#eceeee;--line:#e5e7e8;--line-strong:#d3d6d8;--fg:#17191c;--fg-2:#3d4248;--muted:#5d636a;--subtle:#646a71;--accent:#0b6f60;--accent-hover:#095c50;--accent-fg:#fff;--button:#0b6f60;--button-hover:#095c50;--danger:#c62828;--danger-soft:#fdf0f0;--ring:#0b6f60;color-scheme:light}
@media (prefers-color-scheme:dark){:root{--canvas:#0d0f10;--surface:#141618;--surface-2:#1a1d20;--surface-3:#22262a;--line:#25292d;--line-strong:#343a3f;--fg:#e8eaec;--fg-2:#c3c8cc;--muted:#9aa1a8;--subtle:#8e959c;--accent:#178a77;--accent-hover:#1c9c87;--accent-fg:#fff;--button:#127a69;--button-hover:#158270;--danger:#f26d6d;--danger-soft:#2c1718;--ring:#3fb8a0;color-scheme:dark}}
*,*::before,*::after{box-sizing:border-box;margin:0;padding:0;border:0 solid}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;text-rendering:optimizeLegibility;-webkit-font-smoothing:antialiased;-moz-osx-font-smoothing:grayscale}
body{background:var(--canvas);color:var(--fg);font:13px/20px "Inter","InterVariable",ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;font-feature-settings:"cv11","ss01"}
::selection{background:color-mix(in srgb,var(--accent) 22%,transparent)}
ul{list-style:none}
main{display:flex;min-height:100vh;min-height:100dvh;flex-direction:column;align-items:center;justify-content:center;padding:48px 16px}
.wrap{width:100%;max-width:368px}
.brand{display:flex;flex-direction:column;align-items:center;text-align:center;margin-bottom:28px}
.logo{width:40px;height:40px;flex:none}
h1{margin-top:16px;font-size:22px;line-height:28px;font-weight:600;letter-spacing:-.025em}
.tagline{margin-top:4px;font-size:14px;line-height:20px;color:var(--muted)}
.card{border:1px solid var(--line);border-radius:10px;background:var(--surface);padding:24px;box-shadow:0 1px 2px rgb(0 0 0/.04),0 12px 32px -12px rgb(0 0 0/.12)}
form{display:grid;gap:16px}
.group{display:grid;gap:6px}
label{display:block;font-weight:500;color:var(--fg-2)}
input{display:block;width:100%;height:36px;border:1px solid var(--line-strong);border-radius:6px;background:var(--surface);padding:0 12px;font:inherit;font-size:14px;line-height:20px;color:var(--fg);transition:border-color .15s,box-shadow .15s}
input::placeholder{color:var(--subtle);opacity:1}
input:hover{border-color:var(--subtle)}
input[aria-invalid=true]{border-color:var(--danger)}
a:focus-visible,input:focus-visible,button:focus-visible{outline:2px solid transparent;border-color:transparent;box-shadow:0 0 0 1px var(--surface),0 0 0 3px var(--ring)}
.field-error{font-size:12px;line-height:16px;color:var(--danger)}
.alert{display:flex;align-items:flex-start;gap:8px;border:1px solid color-mix(in srgb,var(--danger) 25%,transparent);border-radius:6px;background:var(--danger-soft);padding:8px 12px;color:var(--danger)}
.alert svg{width:16px;height:16px;flex:none;margin-top:2px}
.alert ul{margin-top:2px}.alert a{color:inherit;text-underline-offset:2px;border-radius:2px}
button{display:inline-flex;align-items:center;justify-content:center;gap:6px;width:100%;height:36px;border-radius:6px;padding:0 12px;background:var(--button);color:var(--accent-fg);font:inherit;font-size:14px;line-height:20px;font-weight:500;white-space:nowrap;cursor:pointer;box-shadow:0 1px 2px 0 rgb(0 0 0/.05);transition:background-color .15s}
button:hover{background:var(--button-hover)}
.demo{margin-top:24px;border-top:1px solid var(--line);padding-top:16px}
h2{font-size:11px;line-height:16px;font-weight:600;letter-spacing:.025em;text-transform:uppercase;color:var(--muted)}
.demo p{margin-top:4px;font-size:11px;line-height:16px;color:var(--muted)}
code,.mono{font-family:ui-monospace,"SF Mono","JetBrains Mono",Menlo,Consolas,monospace}
code{color:var(--fg-2)}
.demo ul{margin-top:8px;display:grid;gap:2px}
.demo a{display:flex;align-items:center;justify-content:space-between;margin:0 -8px;border-radius:6px;padding:4px 8px;text-decoration:none;transition:background-color .15s}
.demo a:hover{background:var(--surface-2)}
.demo .mono{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:12px;color:var(--fg-2)}
.demo .role{margin-left:12px;flex:none;font-size:11px;line-height:16px;color:var(--muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
.footer{margin-top:24px;text-align:center;font-size:11px;line-height:16px;color:var(--subtle)}
@media (prefers-reduced-motion:reduce){*{transition-duration:.01ms!important}}
`.replace(/\n/g, "");

/**
 * The page's policy: no script may run at all, the one stylesheet is admitted by its hash, the form
 * posts only here, nothing frames the page. proxy.ts leaves /login's CSP to this (no nonce to give).
 */
export const LOGIN_CSP = [
  "default-src 'none'",
  `style-src '${`sha256-${createHash("sha256").update(STYLES).digest("base64")}`}'`,
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const LOGIN_PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  // Per person (a CSRF token, a typed email): never stored by a browser or a proxy.
  "Cache-Control": "no-store",
  "Content-Security-Policy": LOGIN_CSP,
  "X-Robots-Tag": "noindex, nofollow",
} as const;

// components/ui/logo.tsx and lucide's circle-alert, inline.
const LOGO = new SafeHtml(
  '<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="var(--accent)"/><path d="M9.5 11.75A3.25 3.25 0 0 1 12.75 8.5h6.5a3.25 3.25 0 0 1 3.25 3.25v4.5a3.25 3.25 0 0 1-3.25 3.25h-3.1l-3.63 3.03a.6.6 0 0 1-.98-.46V19.5h-.04A2.5 2.5 0 0 1 9.5 17z" fill="#fff" fill-opacity=".95"/><path d="M13.25 13.25h5.5M13.25 15.75h3.5" stroke="var(--accent)" stroke-width="1.4" stroke-linecap="round"/></svg>',
);
const ALERT_ICON = new SafeHtml(
  '<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="10"/><line x1="12" x2="12" y1="8" y2="12"/><line x1="12" x2="12.01" y1="16" y2="16"/></svg>',
);

const attr = (on: boolean, text: string) => (on ? new SafeHtml(` ${text}`) : "");

/** Where the cursor starts: the first field to fix, the password after a refusal (the email is kept), else the email. */
function focusField(m: LoginPageModel): LoginField {
  if (m.fieldErrors.email) return "email";
  if (m.fieldErrors.password) return "password";
  return m.email && m.notice ? "password" : "email";
}

function field(m: LoginPageModel, name: LoginField, opts: { type: string; autocomplete: string; value: string; placeholder?: string }): SafeHtml {
  const error = m.words.fields[name];
  const focus = focusField(m) === name;
  return html`<div class="group"><label for="${name}">${m.words[name]}</label><input id="${name}" name="${name}" type="${opts.type}" autocomplete="${opts.autocomplete}"${
    opts.type === "email" ? new SafeHtml(' autocapitalize="none" spellcheck="false"') : ""
  } required${attr(focus, "autofocus")}${opts.value ? html` value="${opts.value}"` : ""}${opts.placeholder ? html` placeholder="${opts.placeholder}"` : ""}${attr(!!error, 'aria-invalid="true"')}${
    error ? html` aria-describedby="${`${name}-error`}"` : ""
  }>${error ? html`<p class="field-error" id="${`${name}-error`}">${error}</p>` : ""}</div>`;
}

function alert(m: LoginPageModel): SafeHtml {
  if (!m.words.notice) return html``;
  const fields = (["email", "password"] as const).filter((f) => m.words.fields[f]);
  // First in the form, above the fields it points to ("check the fields below"); field errors are
  // listed as links to their fields, so a screen reader user hears them and can jump there.
  return html`<div id="login-error" class="alert" role="alert">${ALERT_ICON}<div><p>${m.words.notice}</p>${
    fields.length ? html`<ul>${fields.map((f) => html`<li><a href="${`#${f}`}">${m.words.fields[f]}</a></li>`)}</ul>` : ""
  }</div></div>`;
}

function demo(m: LoginPageModel): SafeHtml {
  if (!m.demo) return html``;
  // Links, not buttons: with no script, picking an account asks the page again with that account filled in.
  return html`<section class="demo" aria-labelledby="demo-title"><h2 id="demo-title">${m.words.demoTitle}</h2><p>${new SafeHtml(m.demo.passwordHtml)}</p><ul>${m.demo.users.map(
    (u) => html`<li><a href="${u.href}"><span class="mono">${u.before ? html`<span class="sr">${u.before}</span>` : ""}${u.email}${u.after ? html`<span class="sr">${u.after}</span>` : ""}</span><span class="role">${u.role}</span></a></li>`,
  )}</ul></section>`;
}

export function renderLoginPage(m: LoginPageModel): string {
  const form = html`<form method="post" action="/login" novalidate${attr(!!m.notice, 'aria-describedby="login-error"')}><input type="hidden" name="csrfToken" value="${m.csrfToken}"><input type="hidden" name="callbackUrl" value="${m.callbackUrl}">${alert(m)}${field(
    m,
    "email",
    { type: "email", autocomplete: "username", value: m.email, placeholder: m.words.emailPlaceholder },
  )}${field(m, "password", { type: "password", autocomplete: "current-password", value: m.password })}<button type="submit">${m.words.submit}</button></form>`;
  const body = html`<main><div class="wrap"><div class="brand">${LOGO}<h1>Sportello</h1><p class="tagline">${m.words.tagline}</p></div><div class="card">${form}${demo(m)}</div><p class="footer">${m.words.footer}</p></div></main>`;
  return `<!DOCTYPE html>${html`<html lang="${m.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="color-scheme" content="light dark"><meta name="theme-color" content="#f6f7f7" media="(prefers-color-scheme: light)"><meta name="theme-color" content="#0d0f10" media="(prefers-color-scheme: dark)"><title>${`${m.words.title} · Sportello`}</title><link rel="icon" href="/favicon.ico" sizes="any"><link rel="icon" href="/icon.svg" type="image/svg+xml"><style>${new SafeHtml(STYLES)}</style></head><body>${body}</body></html>`}`;
}
