// The bench:realtime section of BENCHMARKS.md. Rows carry a label (`--label before`, `--label after`):
// a run replaces the rows of its own label and keeps the others, so before/after sit side by side.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeBenchmarkSection } from "./report";

export type PhaseResult = {
  label: string;
  database: string;
  tabs: number;
  messages: number;
  p50: number;
  p95: number;
  max: number;
  timeouts: number;
  unsettled: number;
  requestsPerMessage: number;
  tabRequestsPerMessage: number;
  windowRequestsPerMessage: number;
  serverCpuMsPerMessage: number;
  eventBytesPerTabPerMessage: number;
  framesPerTabPerMessage: number;
  load: [number, number];
  /** Tabs' refetch-everything heals (reconnect, resync, gap) during the phase. */
  heals?: number;
  /** Send → the live event carrying it reached window 2 (before the page handled it). */
  eventP50?: number;
  eventP95?: number;
};

const FILE = path.resolve(import.meta.dirname, "../../BENCHMARKS.md");
const START = "<!-- bench:realtime:start -->";
const END = "<!-- bench:realtime:end -->";

/** The commit under test, read when the bench starts (edits made while it runs do not count). */
const COMMIT = commit();

function commit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return dirty ? `${sha}+` : sha;
  } catch {
    return "?";
  }
}

const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "—");

function row(r: PhaseResult, stamp: string, sha: string): string {
  const misses = [r.timeouts ? `${r.timeouts} not seen within 15 s` : "", r.unsettled ? `${r.unsettled} not settled within 20 s` : "", r.heals ? `${r.heals} tab heals` : ""].filter(Boolean).join(", ");
  return `| ${r.label} | ${sha}, ${stamp} | ${r.database} | ${r.tabs} | ${n(r.p50)} · ${n(r.p95)} · ${n(r.max)} ms${r.eventP50 !== undefined && Number.isFinite(r.eventP50) ? ` (event in: ${n(r.eventP50)} · ${n(r.eventP95 ?? NaN)})` : ""}${misses ? ` (${misses})` : ""} | ${n(r.requestsPerMessage, 1)} · ${n(r.tabRequestsPerMessage, 1)} · ${n(r.windowRequestsPerMessage, 1)} | ${n(r.serverCpuMsPerMessage)} ms | ${n(r.framesPerTabPerMessage, 1)} · ${n(r.eventBytesPerTabPerMessage / 1024, 1)} KiB | ${n(r.load[0], 2)} → ${n(r.load[1], 2)} |`;
}

/** Rows of other labels already in the section, kept as they are. */
function keptRows(label: string): string[] {
  if (!existsSync(FILE)) return [];
  const doc = readFileSync(FILE, "utf8");
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return [];
  return doc
    .slice(a, b)
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| build |") && !l.startsWith(`| ${label} |`));
}

export function renderRealtimeSection(results: PhaseResult[], meta: { messages: number; seconds: number }): string {
  const stamp = new Date().toISOString().slice(0, 16).replace("T", " ") + "Z";
  const sha = COMMIT;
  const label = results[0]?.label ?? "";
  const cpu = os.cpus();
  const body = [
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? "cpu"}), Node ${process.version}, shared with other work (hence the load average next to each row). ` +
      `The production server on a fresh seeded database; every client goes through a counting reverse proxy on loopback. ` +
      `N headless tabs (the app's own TanStack query client and event handling, signed in as the 8 demo users) have the inbox list, the counts and the same conversation open ` +
      `as two real Chromium windows (two agents). Window 1 sends ${meta.messages} replies through the composer (after 3 unmeasured); window 2 stamps, in the page, when each reply's text enters its message log ("event in": when the live event carrying the text reached window 2, before the app handled it; events without the text, as before, have no such stamp). ` +
      `Requests per reply: every request any client started from the send until the reply's trailing events (\`sent\`, \`delivered\` from the fake WhatsApp) had settled, the reply's own POST included; ` +
      `"tabs" is all N tabs together, "windows" the two browsers. Server CPU: the app process's user+system time per reply.`,
    "",
    "| build | commit, run | database | tabs (N) | send → visible in window 2: p50 · p95 · max | requests per reply: all · tabs · windows | server CPU per reply | per tab per reply: SSE frames · data | load avg (1 min) start → end |",
    "|---|---|---|---|---|---|---|---|---|",
    ...keptRows(label),
    ...results.map((r) => row(r, stamp, sha)),
  ].join("\n");
  writeBenchmarkSection("realtime", body, { title: "Realtime: a reply reaching a colleague (`npm run bench:realtime`)", seconds: meta.seconds });
  return body;
}
