// Writes one benchmark's section of BENCHMARKS.md, keeping the other sections as they are.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const FILE = path.resolve(import.meta.dirname, "../../BENCHMARKS.md");
const HEADER = `# Benchmarks

Written by the \`npm run bench:*\` scripts (each rewrites its own section). Figures are from the
machine the script last ran on; loopback only, bounded in count and time.
`;

export function writeBenchmarkSection(name: string, body: string, meta: { title: string; seconds: number }) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const section = `${start}\n## ${meta.title}\n\nRun ${stamp}, took ${Math.round(meta.seconds)} s.\n\n${body}\n${end}`;
  let doc = existsSync(FILE) ? readFileSync(FILE, "utf8") : HEADER;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  doc = a >= 0 && b > a ? doc.slice(0, a) + section + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, doc);
}
