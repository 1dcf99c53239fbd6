import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { messages, teams } from "@/lib/db/schema";
import { useTestDatabase } from "@/lib/testing/use-test-database";
import { makeConversation, makeWorkspace } from "@/lib/testing/factories";
import { forgetRecentReports, getRecentReport, REPORT_MAX_AGE_MS } from "./report-cache";

// Identical report requests share one computation and its figures for REPORT_MAX_AGE_MS; anything
// that differs (workspace, range, filters) is its own report, and a refusal is never kept.
describe("reports shared between identical requests", () => {
  const t = useTestDatabase();
  beforeEach(() => forgetRecentReports());

  const NOW = new Date("2026-03-20T12:00:00Z");
  const RANGE = { from: "2026-03-01", to: "2026-03-20", now: NOW };
  async function customerWrites(ws: Awaited<ReturnType<typeof makeWorkspace>>, conversationId: string, at: string) {
    await t.db.insert(messages).values({
      workspaceId: ws.workspace.id,
      conversationId,
      channelId: ws.channel.id,
      direction: "inbound",
      authorType: "customer",
      kind: "text",
      text: "Il mio volo?",
      createdAt: new Date(at),
    });
  }

  it("are computed once for requests at the same time, served until they are 30 s old, then read again", async () => {
    const ws = await makeWorkspace(t.db, "Shared Air");
    const { conversation: c } = await makeConversation(t.db, ws);
    await customerWrites(ws, c.id, "2026-03-10T09:00:00Z");
    let clock = 1_000_000;
    const now = () => clock;
    const input = { workspaceId: ws.workspace.id, ...RANGE };

    const [a, b] = await Promise.all([getRecentReport(t.db, input, { now }), getRecentReport(t.db, input, { now })]);
    expect(a).toBe(b);
    expect(a.heatmap.total).toBe(1);
    expect(a.generatedAt).toBe(NOW.toISOString()); // the instant the figures describe

    await customerWrites(ws, c.id, "2026-03-11T09:00:00Z");
    clock += REPORT_MAX_AGE_MS - 1;
    expect(await getRecentReport(t.db, input, { now })).toBe(a); // still fresh enough: the same figures
    clock += 1;
    const c2 = await getRecentReport(t.db, input, { now });
    expect(c2).not.toBe(a);
    expect(c2.heatmap.total).toBe(2);

    // Another range, another workspace: their own reports.
    const other = await getRecentReport(t.db, { ...input, from: "2026-03-11" }, { now });
    expect(other).not.toBe(c2);
    expect(other.heatmap.total).toBe(1);
    const elsewhere = await makeWorkspace(t.db, "Elsewhere Air");
    expect((await getRecentReport(t.db, { ...input, workspaceId: elsewhere.workspace.id }, { now })).heatmap.total).toBe(0);
  });

  it("a refusal is not kept: the same request succeeds once the team exists", async () => {
    const ws = await makeWorkspace(t.db, "Refused Air");
    const teamId = randomUUID();
    const input = { workspaceId: ws.workspace.id, ...RANGE, teamId };
    await expect(getRecentReport(t.db, input)).rejects.toMatchObject({ status: 404 });
    await t.db.insert(teams).values({ id: teamId, workspaceId: ws.workspace.id, name: "Late team" });
    const report = await getRecentReport(t.db, input);
    expect(report.filters.teamId).toBe(teamId);
  });
});
