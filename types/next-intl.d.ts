import type { AppLocale } from "@/i18n/locales";
import type { en as messages } from "@/messages";

// Typed keys and ICU arguments everywhere: English is the reference catalog (i18n/catalogs.test.ts
// keeps Italian in step with it).
declare module "next-intl" {
  interface AppConfig {
    Locale: AppLocale;
    Messages: typeof messages;
  }
}
