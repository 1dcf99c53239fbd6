import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/chromium";


// E2E_PORT lets a second checkout run its suite beside this one.
const PORT = Number(process.env.E2E_PORT) || 3100;
// CLUSTER_URL: run the specs against a running `npm run cluster:local -- --e2e` (HAProxy in front
// of three app processes) instead of starting a server; production-mode.spec.ts needs its own
// non-demo server and is skipped there (docs/scaling.md).
const CLUSTER_URL = process.env.CLUSTER_URL?.replace(/\/+$/, "");
const baseURL = CLUSTER_URL ?? `http://127.0.0.1:${PORT}`;
export const LIVE_URL = `http://127.0.0.1:${PORT + 1}`;

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  // Against the cluster, seven server processes share the machine with the browser: more time
  // per test and per expectation; the assertions themselves are unchanged. CI shares two cores with
  // the server, PGlite and Chromium: a busy moment must not fail a check either.
  timeout: CLUSTER_URL ? 180_000 : 30_000,
  expect: { timeout: CLUSTER_URL ? 15_000 : process.env.CI ? 10_000 : 5_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath(),
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  ...(CLUSTER_URL ? { testIgnore: ["production-mode.spec.ts"] } : {}),
  webServer: CLUSTER_URL ? undefined : [
    {
      command: "bash scripts/e2e-server.sh",
      url: `${baseURL}/login`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A real deployment's start (no demo, no credentials) on the same build: e2e/production-mode.spec.ts.
      command: "bash scripts/e2e-live-server.sh",
      url: `${LIVE_URL}/login`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
