import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // Playwright fixtures call `use(...)`, which is not a React hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Tool config files conventionally default-export an object literal.
    files: ["*.config.{js,mjs,cjs,ts}"],
    rules: { "import/no-anonymous-default-export": "off" },
  },
  {
    // lib/realtime is a low layer (publish, bus, SSE): the domains import it, so it imports none of them.
    files: ["lib/realtime/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/conversations/*", "@/lib/messages/*", "@/lib/whatsapp/*", "@/lib/live/*"], message: "lib/realtime must not import the domains (they import it); hydrate in lib/live." }] },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "data/**",
    ".data-*/**",
    "lib/db/migrations/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
