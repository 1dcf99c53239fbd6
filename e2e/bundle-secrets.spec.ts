import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// What the browser downloads must hold no secret: the built client bundles (the same build the
// e2e servers run) are searched for every secret value and server-only default this build knows.
// (Variable names such as WHATSAPP_ACCESS_TOKEN appear on purpose: settings tell an admin what to set.)
const SECRETS = [
  "e2e-only-secret-not-for-production-0123456789", // NEXTAUTH_SECRET of scripts/e2e-server.sh
  "e2e-live-secret-not-for-production-0123456789",
  "e2e-app-secret", // WHATSAPP_APP_SECRET of the e2e server
  "e2e-verify-token",
  "sportello-development-secret-not-for-production", // lib/env.ts defaults
  "sportello-demo-app-secret",
  "sportello-demo-verify-token",
  "sportello-demo-access-token",
  "live-e2e-password", // the live e2e admin's password, and the demo password's server-side hash input
  "outsider-e2e-password",
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

test("the client bundles contain no secrets", () => {
  const bundles = files(".next/static").filter((f) => f.endsWith(".js"));
  expect(bundles.length).toBeGreaterThan(5);
  const found: string[] = [];
  for (const f of bundles) {
    const text = readFileSync(f, "utf8");
    for (const s of SECRETS) if (text.includes(s)) found.push(`${s} in ${f}`);
  }
  expect(found).toEqual([]);
});
