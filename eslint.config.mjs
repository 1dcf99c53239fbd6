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
