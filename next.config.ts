import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const nextConfig: NextConfig = {
  // PGlite ships WASM + data files that must be loaded from node_modules at runtime, not bundled.
  // resvg is a native addon (.node) and bwip-js picks its Node build at runtime: load both from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "@resvg/resvg-js", "bwip-js"],
  poweredByHeader: false,
};

// Points next-intl at i18n/request.ts (the locale per request; no locale in the URL).
export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
