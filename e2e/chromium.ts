import { existsSync } from "node:fs";

// Playwright cannot download its browsers on machines without internet: prefer an explicit
// path, then Debian's chromium, then Playwright's own browser (undefined). Shared by the e2e
// config and bench:realtime's browser windows.
export function chromiumPath(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  return undefined;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  // Without these Chromium keeps dialling hosts that offline machines refuse.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
