import enCore from "./en.json";
import itCore from "./it.json";
import enBoardingPass from "./en/boardingPass.json";
import itBoardingPass from "./it/boardingPass.json";
import enBookings from "./en/bookings.json";
import itBookings from "./it/bookings.json";

// The catalogs, one core file per language plus one file per feature namespace
// (messages/<locale>/<namespace>.json), so features add their strings without touching each
// other's. English is the reference: i18n/catalogs.test.ts keeps every language in step with it.
export const en = {
  ...enCore,
  boardingPass: enBoardingPass,
  bookings: enBookings,
};

export const it: typeof en = {
  ...itCore,
  boardingPass: itBoardingPass,
  bookings: itBookings,
};

export const CATALOGS = { en, it } as const;
