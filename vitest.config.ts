import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `import "server-only"` throws outside a React Server environment; tests import server modules directly.
      { find: /^server-only$/, replacement: path.join(root, "lib/testing/empty.ts") },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.next/**", "e2e/**", "data/**", ".data-*/**"],
    pool: "forks",
    maxWorkers: 2,
    // A fresh PGlite + migrations takes a few seconds per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
