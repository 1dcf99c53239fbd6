// npm run bench:page-weight — what a page makes a browser download in script, measured from the
// HTML the production build serves: every `<script src>` of the page, fetched and gzipped (zlib
// level 9, as a CDN or nginx `gzip_comp_level 9` would send it), summed. Inline scripts (Next's RSC
// payload, the theme script) are shown beside it but are part of the HTML, not of the budget; so are
// `<script nomodule>` files (Next's legacy polyfills, ≈ 39 KiB gzip): a browser that runs modules
// never downloads them, and every browser the app supports does.
//
//   --base-url URL   measure a running, demo-seeded server (`npm run demo`, the e2e server…)
//   (default)        start one itself: the existing .next build (`npx next build` first) on a free
//                    loopback port over a fresh PGlite in a temp dir, migrated and seeded; stopped
//                    at the end. Bounded: gives up after 5 minutes.
//   --port N         the port of the server it starts (default: a free loopback port)
//   --no-write       print the table only (BENCHMARKS.md untouched)
//   --check          the CI gate (scripts/test-all.sh): print the table, leave BENCHMARKS.md as it is,
//                    exit 1 when any page is over its budget (also the default run's exit status)
//
// Pages: /login (signed out), /inbox (signed in as the demo agent giulia@), /team, /reports and
// /payments (as the demo lead marco@), and /pay/<token> of a payment request created for the run
// (POST /api/payment-requests, as the composer does). Budgets: scripts/bench/page-budgets.ts, one
// per page; every page over its budget fails the run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { signInCookie, sleep, waitForHttp } from "./process-tools";
import { PAGE_BUDGETS } from "./page-budgets";
import { writeBenchmarkSection } from "./report";

const ROOT = path.resolve(import.meta.dirname, "../..");
const AGENT = "giulia@voloazzurro.it";
const LEAD = "marco@voloazzurro.it";
const PASSWORD = "sportello-demo";
const KiB = 1024;
const BUDGETS = new Map(PAGE_BUDGETS.map((b) => [b.page, b.kib]));

const { values: args } = parseArgs({
  options: { "base-url": { type: "string" }, port: { type: "string" }, "no-write": { type: "boolean", default: false }, check: { type: "boolean", default: false } },
});

const started = Date.now();
const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
  for (const f of cleanups.splice(0)) f();
});
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => process.exit(130));
setTimeout(() => {
  console.error("[page-weight] gave up after 5 minutes");
  process.exit(1);
}, 5 * 60_000).unref();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** The production build on a fresh, seeded PGlite; stopped (SIGTERM, then SIGKILL) when the run ends. */
async function startServer(): Promise<string> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build in .next: run `npx next build` first (or pass --base-url).");
  const port = args.port ? Number(args.port) : await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "sportello-page-weight-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PGLITE_DIR: path.join(dir, "pglite"),
    MEDIA_DIR: path.join(dir, "media"),
    DATABASE_URL: "",
    NEXTAUTH_SECRET: "page-weight-only-secret-0123456789abcdef",
    NEXTAUTH_URL: baseUrl,
    APP_URL: baseUrl,
    SPORTELLO_DEMO: "1",
    WHATSAPP_ACCESS_TOKEN: "",
    PORT: String(port),
  };
  for (const script of ["db:migrate", "seed"]) {
    const r = spawnSync("npm", ["run", "--silent", script], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"], timeout: 120_000 });
    if (r.status !== 0) throw new Error(`npm run ${script} failed (${r.status ?? r.signal})`);
  }
  const child = spawn(process.execPath, ["server.mjs", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  children.add(child);
  cleanups.unshift(() => child.kill("SIGTERM"));
  await waitForHttp(`${baseUrl}/login`, child, 60_000);
  return baseUrl;
}


/** A fresh payment request in one of the agent's open conversations; its pay page's path. */
async function createPayPage(baseUrl: string, cookie: string): Promise<string> {
  const headers = { cookie, "content-type": "application/json", origin: baseUrl };
  const list = (await (await fetch(`${baseUrl}/api/conversations?view=all&limit=50`, { headers })).json()) as { items: { id: string; status: string }[] };
  for (const conv of list.items.filter((c) => c.status !== "resolved")) {
    const res = await fetch(`${baseUrl}/api/payment-requests`, {
      method: "POST",
      headers: { ...headers, "idempotency-key": randomUUID() },
      body: JSON.stringify({
        conversationId: conv.id,
        currency: "EUR",
        lineItems: [
          { name: "Seat upgrade 12A", quantity: 1, unitAmount: 4500 },
          { name: "Extra bag 23 kg", quantity: 2, unitAmount: 3500 },
        ],
        taxRate: 22,
        description: "Seat upgrade and bags (page-weight bench)",
      }),
    });
    if (res.ok) return new URL(((await res.json()) as { payUrl: string }).payUrl).pathname;
  }
  throw new Error("could not create a payment request in any open conversation");
}

type Weight = { page: string; status: number; htmlGzip: number; scripts: number; scriptGzip: number; inlineGzip: number; noModuleGzip: number };

const gzip = (buf: Buffer | string) => zlib.gzipSync(buf, { level: 9 }).length;

async function measure(baseUrl: string, page: string, url: string, cookie?: string): Promise<Weight> {
  const res = await fetch(`${baseUrl}${url}`, { headers: cookie ? { cookie } : {} });
  const html = await res.text();
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const srcs = new Set<string>();
  const noModule = new Set<string>();
  let inline = "";
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc\s*=\s*["']([^"']+)["']/i.exec(m[1]!)?.[1];
    if (!src) inline += m[2];
    else (/\bnomodule\b/i.test(m[1]!) ? noModule : srcs).add(new URL(src.replace(/&amp;/g, "&"), `${baseUrl}${url}`).toString());
  }
  const gzipOf = async (src: string) => {
    const r = await fetch(src);
    if (!r.ok) throw new Error(`${src} answered ${r.status}`);
    return gzip(Buffer.from(await r.arrayBuffer()));
  };
  let scriptGzip = 0;
  for (const src of srcs) scriptGzip += await gzipOf(src);
  let noModuleGzip = 0;
  for (const src of noModule) noModuleGzip += await gzipOf(src);
  return { page, status: res.status, htmlGzip: gzip(html), scripts: srcs.size, scriptGzip, inlineGzip: inline ? gzip(inline) : 0, noModuleGzip };
}

const kib = (n: number) => `${(n / KiB).toFixed(1)} KiB`;

async function main() {
  const baseUrl = args["base-url"]?.replace(/\/+$/, "") ?? (await startServer());
  console.log(`[page-weight] measuring ${baseUrl}`);
  const agent = await signInCookie(baseUrl, AGENT, PASSWORD);
  const lead = await signInCookie(baseUrl, LEAD, PASSWORD);
  const payPath = await createPayPage(baseUrl, agent);
  const urls: Record<string, [string, string?]> = {
    "/login": ["/login"],
    "/inbox": ["/inbox", agent],
    "/team": ["/team", lead],
    "/reports": ["/reports", lead],
    "/payments": ["/payments", lead],
    "/pay/<token>": [payPath],
  };
  const rows: Weight[] = [];
  for (const { page } of PAGE_BUDGETS) {
    const [url, cookie] = urls[page] ?? [];
    if (!url) throw new Error(`page-budgets.ts names ${page}, which this script does not know how to open`);
    rows.push(await measure(baseUrl, page, url, cookie));
  }

  const lines = [
    "| page | `<script src>` files | scripts, gzip | budget | verdict | `nomodule` polyfills, gzip | inline scripts, gzip | HTML, gzip |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const budget = BUDGETS.get(r.page)!;
      const verdict = r.scriptGzip > budget * KiB ? `**over by ${kib(r.scriptGzip - budget * KiB)}**` : "within";
      return `| \`${r.page}\` | ${r.scripts} | ${kib(r.scriptGzip)} | ≤ ${budget} KiB | ${verdict} | ${kib(r.noModuleGzip)} | ${kib(r.inlineGzip)} | ${kib(r.htmlGzip)} |`;
    }),
  ];
  const table = lines.join("\n");
  console.log(`\n${table}\n`);

  const body = `${os.cpus().length} cores, Node ${process.version}; the production build (\`next build\`, served by \`node server.mjs\`), ${args["base-url"] ? `at ${baseUrl}` : "on a fresh seeded PGlite"}. A page's script weight is the sum of its \`<script src>\` files, each fetched and gzipped (level 9), against its budget in \`scripts/bench/page-budgets.ts\`; \`<script nomodule>\` polyfills (never downloaded by a browser that runs modules), inline scripts (the RSC payload with the page's catalog, the theme script) and the HTML itself are shown beside it, outside the budget. \`/inbox\` is signed in as the demo agent, \`/team\`, \`/reports\` and \`/payments\` as the demo lead; \`/pay/<token>\` is a request with two line items created for the run. \`npm test\` runs \`npm run bench:page-weight -- --check\` on the build its e2e stage made: a page over its budget fails it.

${table}

Before issue 14 (commit 9cf228d, same machine and measure), the module scripts were: \`/login\` 169.0 KiB, \`/inbox\` 215.7, \`/team\` 209.7, \`/reports\` 211.2, \`/payments\` 211.5, \`/pay/<token>\` 0 (plus the 38.6 KiB \`nomodule\` polyfill each App Router page lists, which the old table counted: 207.6, 254.3, 248.3, 249.8, 250.1). What moved: the root layout mounts no client providers (the catalog and TanStack Query are the \`(app)\` layout's; \`/login\` gets its words from the server); next-auth/react left the browser (≈ 11 KiB: sign-in and sign-out post to next-auth's endpoints, \`lib/client/auth.ts\`); dates no longer use date-fns' \`format\` and locales; the search panel and the bulk bar load when opened; the 404 page, part of every page's tree, uses a plain link.

Every App Router page starts at ≈ 132 KiB: React DOM (69.9 KiB), Next's router runtime and Turbopack's loader (59.0 KiB) and Next's built-in layout components (3.4 KiB), before any component of ours. That floor is above the issue's 130 KiB for \`/login\`, so \`/login\` and \`/pay/<token>\` are route handlers that answer HTML with no script at all: the sign-in form and the card form are plain \`<form method="post">\`s answered with a 303 (\`/login\` was an App Router page of 134.1 KiB before). The charts of \`/reports\` (@visx) load through next/dynamic after the page's own scripts and are not in this measure.`;
  if (!args["no-write"] && !args.check) {
    writeBenchmarkSection("page-weight", body, { title: "Page weight (`npm run bench:page-weight`)", seconds: (Date.now() - started) / 1000 });
    console.log("[page-weight] BENCHMARKS.md updated");
  }
  const failed = rows.filter((r) => r.scriptGzip > BUDGETS.get(r.page)! * KiB);
  if (failed.length) {
    console.error(`[page-weight] over budget: ${failed.map((r) => r.page).join(", ")}`);
    process.exitCode = 1;
  }
}

main()
  .catch((err) => {
    console.error("[page-weight]", err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(async () => {
    // The server stops on SIGTERM (closing PGlite); the exit handler SIGKILLs it if it has not within 10 s.
    const running = [...children].filter((c) => c.exitCode === null);
    for (const c of running) c.kill("SIGTERM");
    await Promise.race([Promise.all(running.map((c) => new Promise((r) => c.once("exit", r)))), sleep(10_000)]);
    process.exit();
  });
