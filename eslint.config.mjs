import { defineConfig, globalIgnores } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import boundaries from "./eslint-rules/boundaries.mjs";

export default defineConfig([
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    // The shape of the code: see eslint-rules/boundaries.mjs and docs/architecture.md.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    plugins: { sportello: boundaries },
    rules: { "sportello/layers": "error" },
  },
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
