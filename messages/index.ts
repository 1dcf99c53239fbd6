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
  // The templates domain's error reasons (template.*) are said by errorText from `errors`.
  errors: { ...enCore.errors, template: { ...enCore.errors.template, ...enTemplatesServer.errors }, snippet: enSnippetsServer.errors },
  templatesServer: enTemplatesServer,
  snippetsServer: enSnippetsServer,
  ...enRouting,
};

export const it: typeof en = {
  ...itCore,
  templates: itTemplates,
  boardingPass: itBoardingPass,
  bookings: itBookings,
  errors: { ...itCore.errors, template: { ...itCore.errors.template, ...itTemplatesServer.errors }, snippet: itSnippetsServer.errors },
  templatesServer: itTemplatesServer,
  snippetsServer: itSnippetsServer,
  ...itRouting,
};

export const CATALOGS = { en, it } as const;
