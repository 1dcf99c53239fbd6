import enCore from "./en.json";
import itCore from "./it.json";
import enTemplates from "./en/templates.json";
import itTemplates from "./it/templates.json";
import enBoardingPass from "./en/boardingPass.json";
import itBoardingPass from "./it/boardingPass.json";
import enBookings from "./en/bookings.json";
import itBookings from "./it/bookings.json";
import enTemplatesServer from "./en/templatesServer.json";
import itTemplatesServer from "./it/templatesServer.json";
import enSnippetsServer from "./en/snippetsServer.json";
import itSnippetsServer from "./it/snippetsServer.json";
import enSnippets from "./en/snippets.json";
import itSnippets from "./it/snippets.json";
import enLogin from "./en/login.json";
import itLogin from "./it/login.json";
import enPay from "./en/pay.json";
import itPay from "./it/pay.json";
import enPayments from "./en/payments.json";
import itPayments from "./it/payments.json";
import enPaymentsServer from "./en/paymentsServer.json";
import itPaymentsServer from "./it/paymentsServer.json";
import enReports from "./en/reports.json";
import itReports from "./it/reports.json";
import enRouting from "./en/routing.json";
import itRouting from "./it/routing.json";

// The catalogs, one core file per language plus one file per feature namespace
// (messages/<locale>/<namespace>.json), so features add their strings without touching each
// other's. English is the reference: i18n/catalogs.test.ts keeps every language in step with it.
export const en = {
  ...enCore,
  templates: enTemplates,
  boardingPass: enBoardingPass,
  bookings: enBookings,
  payments: enPayments,
  // The templates and payments domains' error reasons (template.*, payment.*) are said by errorText from `errors`.
  errors: { ...enCore.errors, template: { ...enCore.errors.template, ...enTemplatesServer.errors }, snippet: enSnippetsServer.errors, payment: enPaymentsServer.errors, report: enReports.errors },
  templatesServer: enTemplatesServer,
  snippetsServer: enSnippetsServer,
  snippets: enSnippets,
  reports: enReports,
  ...enRouting,
};

export const it: typeof en = {
  ...itCore,
  templates: itTemplates,
  boardingPass: itBoardingPass,
  bookings: itBookings,
  payments: itPayments,
  errors: { ...itCore.errors, template: { ...itCore.errors.template, ...itTemplatesServer.errors }, snippet: itSnippetsServer.errors, payment: itPaymentsServer.errors, report: itReports.errors },
  templatesServer: itTemplatesServer,
  snippetsServer: itSnippetsServer,
  snippets: itSnippets,
  reports: itReports,
  ...itRouting,
};

export const CATALOGS = { en, it } as const;

// The customer's pay page (/pay/<token>) is rendered on the server only (lib/payments/pay-page.ts):
// its strings stay out of CATALOGS, which the app's pages hand to the browser whole.
export const PAY_CATALOGS: { en: typeof enPay; it: typeof enPay } = { en: enPay, it: itPay };

// The sign-in page (/login) is rendered on the server only too (lib/auth/login-page.ts): its words
// would otherwise ride along in every signed-in page's catalog.
export const LOGIN_CATALOGS: { en: typeof enLogin; it: typeof enLogin } = { en: enLogin, it: itLogin };
