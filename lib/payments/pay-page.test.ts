import { describe, expect, it } from "vitest";
import { buildPayPageModel, cardFormErrors, choosePayLocale, formatPayDate, initialsOf, resultQuery, type PayLocale } from "./pay-page";
import { escapeHtml, html, renderPayNotFound, renderPayPage } from "./pay-page-html";
import type { PublicPaymentView } from "./queries";

// The pay page's model (language, amounts, dates, which page) and its HTML, without a database.

const EN: PayLocale = { lang: "en", formatLocale: "en-GB", chosen: false };
const IT: PayLocale = { lang: "it", formatLocale: "it-IT", chosen: false };
const TOKEN = "tok_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop";

function view(over: Partial<PublicPaymentView> = {}): PublicPaymentView {
  return {
    business: { name: "Volo Azzurro", verified: true },
    reference: "PAY-7Q2M4K8H1Z",
    description: "Seat upgrade on AZ1234",
    lineItems: [
      { name: "Seat 12A", quantity: 2, unitAmount: 4000, amount: 8000 },
      { name: "Extra bag", quantity: 1, unitAmount: 1000, amount: 1000 },
    ],
    currency: "EUR",
    amountSubtotal: 9000,
    amountDiscount: 1000,
    amountTax: 1760,
    taxRate: 22,
    amountTotal: 9760,
    amountRefunded: 0,
    expiresAt: "2027-03-14T17:30:00.000Z",
    status: "pending",
    payable: true,
    paidAt: null,
    lastFailure: null,
    provider: "sandbox",
    checkoutUrl: null,
    timeZone: "Europe/Rome",
    locale: null,
    ...over,
  };
}

describe("choosePayLocale", () => {
  it("takes the customer's choice on the page first, then WhatsApp's locale, then Accept-Language, then English", () => {
    expect(choosePayLocale({ query: "it", viewLocale: "en_GB", acceptLanguage: "en" })).toEqual({ lang: "it", formatLocale: "it-IT", chosen: true });
    expect(choosePayLocale({ viewLocale: "it_IT", acceptLanguage: "en-US,en" })).toEqual({ lang: "it", formatLocale: "it-IT", chosen: false });
    expect(choosePayLocale({ viewLocale: "en_US", acceptLanguage: "it" })).toEqual({ lang: "en", formatLocale: "en-US", chosen: false });
    // A language the page does not speak falls through to the browser.
    expect(choosePayLocale({ viewLocale: "de_DE", acceptLanguage: "de-DE,de;q=0.9,it;q=0.5" })).toEqual({ lang: "it", formatLocale: "it-IT", chosen: false });
    expect(choosePayLocale({ acceptLanguage: "en-US,en;q=0.9" })).toEqual({ lang: "en", formatLocale: "en-US", chosen: false });
    expect(choosePayLocale({ acceptLanguage: "it-CH,it;q=0.9" })).toEqual({ lang: "it", formatLocale: "it-CH", chosen: false });
    expect(choosePayLocale({})).toEqual({ lang: "en", formatLocale: "en-GB", chosen: false });
  });

  it("ignores what is not a language of the page, or not a locale at all", () => {
    expect(choosePayLocale({ query: "fr", acceptLanguage: "it" }).lang).toBe("it");
    expect(choosePayLocale({ query: "<script>", viewLocale: "not a locale!", acceptLanguage: "*" })).toEqual({ lang: "en", formatLocale: "en-GB", chosen: false });
  });
});

describe("the pay page model", () => {
  it("formats every amount in the customer's locale with the currency's own decimals (EUR)", () => {
    const en = buildPayPageModel(view(), { locale: EN, token: TOKEN });
    expect(en.amount).toBe("€97.60");
    expect(en.lines).toEqual([
      { name: "Seat 12A", detail: "2 × €40.00", amount: "€80.00" },
      { name: "Extra bag", detail: "1 × €10.00", amount: "€10.00" },
    ]);
    expect(en.totals).toEqual([
      { label: "Subtotal", value: "€90.00" },
      { label: "Discount", value: "−€10.00" },
      { label: "Tax (22%)", value: "€17.60" },
      { label: "Total", value: "€97.60", total: true },
    ]);
    const it_ = buildPayPageModel(view(), { locale: IT, token: TOKEN });
    expect(it_.amount).toBe("97,60\u00a0€");
    expect(it_.totals.map((t) => t.label)).toEqual(["Subtotale", "Sconto", "Imposte (22%)", "Totale"]);
    expect(it_.lines[0]!.detail).toBe("2 × 40,00\u00a0€");
  });

  it("JPY has no decimals, KWD three; a request without tax or discount shows only the total", () => {
    const jpy = buildPayPageModel(view({ currency: "JPY", lineItems: [{ name: "Lounge", quantity: 1, unitAmount: 1500, amount: 1500 }], amountSubtotal: 1500, amountDiscount: 0, amountTax: 0, taxRate: 0, amountTotal: 1500 }), { locale: EN, token: TOKEN });
    expect(jpy.amount).toBe("JP¥1,500");
    expect(jpy.totals).toEqual([{ label: "Total", value: "JP¥1,500", total: true }]);
    expect(buildPayPageModel(view({ currency: "JPY", amountTotal: 1500 }), { locale: { lang: "en", formatLocale: "en-US", chosen: false }, token: TOKEN }).amount).toBe("¥1,500");
    expect(buildPayPageModel(view({ currency: "JPY", amountTotal: 1500 }), { locale: IT, token: TOKEN }).amount).toBe("1500\u00a0JPY");

    const kwd = buildPayPageModel(view({ currency: "KWD", amountTotal: 1250, amountTax: 0, amountDiscount: 0, taxRate: 7.5 }), { locale: EN, token: TOKEN });
    expect(kwd.amount).toBe("KWD\u00a01.250");
    expect(buildPayPageModel(view({ currency: "KWD", amountTotal: 1250 }), { locale: IT, token: TOKEN }).amount).toBe("1,250\u00a0KWD");
    expect(buildPayPageModel(view({ taxRate: 7.5 }), { locale: IT, token: TOKEN }).totals[2]!.label).toBe("Imposte (7,5%)");
  });

  it("says the expiry in the business's time zone, named", () => {
    expect(buildPayPageModel(view(), { locale: EN, token: TOKEN }).expires).toBe("Pay by 14 March 2027 at 18:30 CET");
    expect(buildPayPageModel(view(), { locale: IT, token: TOKEN }).expires).toBe("Da pagare entro il 14 marzo 2027 alle ore 18:30 CET");
    expect(buildPayPageModel(view({ timeZone: "Asia/Tokyo" }), { locale: EN, token: TOKEN }).expires).toBe("Pay by 15 March 2027 at 02:30 GMT+9");
    // A zone the data got wrong does not take the page down.
    expect(formatPayDate("2027-03-14T17:30:00.000Z", { formatLocale: "en-GB", timeZone: "Mars/Olympus" })).toBe("14 March 2027 at 17:30 UTC");
  });

  it("a payable sandbox request shows the card form posting back to the page (keeping a chosen language)", () => {
    const m = buildPayPageModel(view(), { locale: EN, token: TOKEN });
    expect(m).toMatchObject({ state: "payable", status: null, notice: null, business: { name: "Volo Azzurro", verified: true, initials: "VA" } });
    expect(m.pay).toEqual({ kind: "card", action: `/pay/${TOKEN}#pay`, button: "Pay €97.60", form: null, testMode: true });
    const chosen = buildPayPageModel(view(), { locale: { ...IT, chosen: true }, token: TOKEN });
    expect(chosen.pay).toMatchObject({ kind: "card", action: `/pay/${TOKEN}?lang=it#pay`, button: "Paga 97,60\u00a0€" });
    expect(chosen.languages).toEqual([
      { lang: "en", label: "English", href: `/pay/${TOKEN}?lang=en`, current: false },
      { lang: "it", label: "Italiano", href: `/pay/${TOKEN}?lang=it`, current: true },
    ]);
  });

  it("a declined card, a processing error, too many attempts: a notice, and the form again", () => {
    const declined = buildPayPageModel(view(), { locale: EN, token: TOKEN, query: { result: "declined", code: "card_declined" } });
    expect(declined.notice).toEqual({ tone: "error", text: "Your card was declined. Nothing was charged: try again or use another card." });
    expect(declined.pay?.kind).toBe("card");
    expect(buildPayPageModel(view(), { locale: EN, token: TOKEN, query: { result: "declined", code: "expired_card" } }).notice?.text).toMatch(/card has expired/);
    expect(buildPayPageModel(view(), { locale: IT, token: TOKEN, query: { result: "declined", code: "whatever" } }).notice?.text).toMatch(/^La carta è stata rifiutata/);
    expect(buildPayPageModel(view(), { locale: EN, token: TOKEN, query: { result: "failed", code: "processing_error" } }).notice?.text).toMatch(/could not process your card/);
    expect(buildPayPageModel(view(), { locale: EN, token: TOKEN, query: { result: "rate_limited" } }).notice?.text).toMatch(/^Too many attempts/);
    expect(buildPayPageModel(view(), { locale: EN, token: TOKEN, query: { result: "<b>hi</b>" } }).notice).toBeNull();
  });

  it("field errors are said in the page's language and keep only the expiry and the name", () => {
    const form = cardFormErrors(["cardNumber", "cvc"], "it", { cardNumber: "4242", expiry: "12/34", cvc: "1", name: "Giulia" });
    expect(form).toEqual({
      errors: { cardNumber: "Inserisci il numero della carta (da 12 a 19 cifre).", cvc: "Inserisci il codice di sicurezza di 3 o 4 cifre." },
      values: { expiry: "12/34", name: "Giulia" },
    });
    const m = buildPayPageModel(view(), { locale: IT, token: TOKEN, form });
    expect(m.notice).toEqual({ tone: "error", text: "Controlla i campi indicati qui sotto." });
  });

  it.each([
    ["paid", { status: "paid", payable: false, paidAt: "2027-03-10T09:05:00.000Z" }, "Payment received", "Thank you! You paid €97.60 to Volo Azzurro.", "Paid on 10 March 2027 at 10:05 CET"],
    ["refunded", { status: "refunded", payable: false, paidAt: "2027-03-10T09:05:00.000Z", amountRefunded: 9760 }, "Payment refunded", "Volo Azzurro refunded the €97.60 you paid.", "Paid on 10 March 2027 at 10:05 CET"],
    ["partially_refunded", { status: "partially_refunded", payable: false, paidAt: "2027-03-10T09:05:00.000Z", amountRefunded: 4000 }, "Partly refunded", "Volo Azzurro refunded €40.00 of the €97.60 you paid.", "Paid on 10 March 2027 at 10:05 CET"],
    ["expired", { status: "expired", payable: false }, "This payment link has expired", "It could be paid until 14 March 2027 at 18:30 CET.", null],
    ["cancelled", { status: "cancelled", payable: false }, "This payment request was cancelled", "Volo Azzurro cancelled it, so there is nothing to pay.", null],
  ] as const)("%s: its own page, no form, no notice", (state, over, title, body, paidOn) => {
    const m = buildPayPageModel(view(over as Partial<PublicPaymentView>), { locale: EN, token: TOKEN, query: { result: "declined" } });
    expect(m.state).toBe(state);
    expect(m.pay).toBeNull();
    expect(m.notice).toBeNull();
    expect(m.status!.title).toBe(title);
    expect(m.status!.body).toContain(body);
    expect(m.status!.paidOn).toBe(paidOn);
  });

  it("a pending request past its expiry, whatever the stored status says, is the expired page", () => {
    expect(buildPayPageModel(view({ status: "pending", payable: false }), { locale: EN, token: TOKEN }).state).toBe("expired");
  });

  it("Stripe: the button goes to the Checkout Session; back from it, the page waits for the webhook, for a while", () => {
    const url = "https://checkout.stripe.com/c/pay/cs_test_123";
    const m = buildPayPageModel(view({ provider: "stripe", checkoutUrl: url }), { locale: EN, token: TOKEN });
    expect(m.pay).toEqual({ kind: "redirect", url, button: "Pay €97.60" });
    const back = buildPayPageModel(view({ provider: "stripe", checkoutUrl: url }), { locale: EN, token: TOKEN, query: { checkout: "success" } });
    expect(back.pay).toEqual({ kind: "confirming", refreshUrl: `/pay/${TOKEN}?checkout=success&wait=1` });
    expect(back.notice).toMatchObject({ tone: "info", title: "Confirming your payment…" });
    const slow = buildPayPageModel(view({ provider: "stripe", checkoutUrl: url }), { locale: EN, token: TOKEN, query: { checkout: "success", wait: "24" } });
    expect(slow.pay).toEqual({ kind: "confirming", refreshUrl: null });
    expect(slow.notice?.text).toMatch(/longer than usual/);
    // Only http(s) is ever a link.
    const evil = buildPayPageModel(view({ provider: "stripe", checkoutUrl: "javascript:alert(1)" }), { locale: EN, token: TOKEN });
    expect(evil.pay).toBeNull();
    expect(evil.notice?.tone).toBe("error");
  });

  it("initials, result queries", () => {
    expect(initialsOf("Volo Azzurro")).toBe("VA");
    expect(initialsOf("  ítaca   viaggi & co ")).toBe("ÍV");
    expect(initialsOf("")).toBe("€");
    expect(resultQuery({ result: "declined", code: "card_declined" }, "it")).toBe("lang=it&result=declined&code=card_declined");
    expect(resultQuery({ result: "declined", code: "<x>" }, null)).toBe("result=declined");
  });
});

describe("the pay page's HTML", () => {
  it("escapes everything it did not build itself", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(html`<p title="${'"><script>'}">${["<b>", html`<i>ok</i>`]}</p>`.value).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;<i>ok</i></p>');
    const page = renderPayPage(
      buildPayPageModel(view({ business: { name: "Evil <Air>", verified: false }, description: '<img src=x onerror="alert(1)">', lineItems: [{ name: "</li><script>x()</script>", quantity: 1, unitAmount: 100, amount: 100 }] }), { locale: EN, token: TOKEN }),
    );
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain("Evil &lt;Air&gt;");
  });

  it("has no script at all, says its language, and labels every field of the form", () => {
    const page = renderPayPage(buildPayPageModel(view(), { locale: IT, token: TOKEN }));
    expect(page).toMatch(/^<!DOCTYPE html><html lang="it">/);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(page).toContain(`<form method="post" action="/pay/${TOKEN}#pay">`);
    for (const [id, label] of [["cardNumber", "Numero della carta"], ["expiry", "Scadenza"], ["cvc", "Codice di sicurezza"], ["name", "Intestatario della carta"]]) {
      expect(page).toContain(`<label for="${id}">${label}`);
      expect(page).toMatch(new RegExp(`<input id="${id}" name="${id}" autocomplete="cc-[a-z]+"`));
    }
    expect(page).toContain('aria-label="Azienda verificata"');
    expect(page).toContain("97,60\u00a0€");
  });

  it("marks a field in error and says why next to it; never echoes the card number", () => {
    const form = cardFormErrors(["expiry"], "en", { cardNumber: "4242424242424242", expiry: "13/99", cvc: "123", name: "A" });
    const page = renderPayPage(buildPayPageModel(view(), { locale: EN, token: TOKEN, form }));
    expect(page).toContain('value="13/99" aria-invalid="true" aria-describedby="expiry-error"');
    expect(page).toContain('<p class="field-error" id="expiry-error">Enter the expiry date as MM/YY.</p>');
    expect(page).not.toContain("4242424242424242");
  });

  it("a redirecting provider's page links out without a referrer; the confirming page refreshes itself", () => {
    const url = "https://checkout.stripe.com/c/pay/cs_test_123?a=1&b=2";
    expect(renderPayPage(buildPayPageModel(view({ provider: "stripe", checkoutUrl: url }), { locale: EN, token: TOKEN }))).toContain(
      '<a class="button" href="https://checkout.stripe.com/c/pay/cs_test_123?a=1&amp;b=2" rel="noreferrer">',
    );
    const confirming = renderPayPage(buildPayPageModel(view({ provider: "stripe", checkoutUrl: url }), { locale: EN, token: TOKEN, query: { checkout: "success" } }));
    expect(confirming).toContain(`<meta http-equiv="refresh" content="5;url=/pay/${TOKEN}?checkout=success&amp;wait=1">`);
    expect(confirming).not.toContain("<form");
  });

  it("the 404 page says so, in the customer's language, with nothing of anyone's", () => {
    const page = renderPayNotFound("it");
    expect(page).toContain('<html lang="it">');
    expect(page).toContain("Questo link di pagamento non esiste");
    expect(page).not.toMatch(/<script|<form/i);
  });
});
