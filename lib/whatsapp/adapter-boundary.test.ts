import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// lib/whatsapp is the channel adapter: it parses notifications, builds Cloud API bodies, talks to
// the Graph API and stores raw webhooks in its own table. The inbox's rows (contacts,
// conversations, messages, media files) are written by lib/conversations and lib/messages only.
// The import layers (eslint-rules/boundaries.mjs) keep it from calling those domains; this keeps
// it from writing their tables directly.
const INBOX_TABLES = ["contacts", "conversations", "messages", "mediaFiles", "auditLog"];

describe("lib/whatsapp writes no inbox rows", () => {
  it("no insert, update or delete on an inbox table, and no raw SQL that writes one", () => {
    const dir = path.join(process.cwd(), "lib/whatsapp");
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
      const src = readFileSync(path.join(dir, file), "utf8");
      for (const table of INBOX_TABLES) {
        if (new RegExp(`\\.(insert|update|delete)\\(\\s*${table}\\b`).test(src)) offenders.push(`${file}: writes ${table}`);
      }
      if (/\b(insert\s+into|update|delete\s+from)\s+"?(contacts|conversations|messages|media_files)\b/i.test(src)) offenders.push(`${file}: raw SQL on an inbox table`);
    }
    expect(offenders).toEqual([]);
  });
});
