import enCore from "./en.json";
import itCore from "./it.json";
import enBoardingPass from "./en/boardingPass.json";
import itBoardingPass from "./it/boardingPass.json";

// The catalogs, one core file per language plus one file per feature namespace
// (messages/<locale>/<namespace>.json), so features add their strings without touching each
// other's. English is the reference: i18n/catalogs.test.ts keeps every language in step with it.
export const en = {
  ...enCore,
  boardingPass: enBoardingPass,
};

export const it: typeof en = {
  ...itCore,
  boardingPass: itBoardingPass,
};

export const CATALOGS = { en, it } as const;
