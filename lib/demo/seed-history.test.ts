import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { getReport, type Report } from "@/lib/reports/report";
import { createTestDatabase } from "@/lib/testing/db";
import { seedDemoWorkspace } from "./seed";
import { seedReportHistory } from "./seed-history";

const NOW = new Date("2026-03-18T10:15:00.000Z");

describe("seedReportHistory", () => {
  let database: Database;
  let report: Report;
  let ms = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const s = await seedDemoWorkspace(database.db, { now: NOW });
    const started = performance.now();
    await seedReportHistory(database.db, { workspaceId: s.workspaceId, channelId: s.channelId, now: NOW });
    ms = performance.now() - started;
    report = await getReport(database.db, { workspaceId: s.workspaceId, from: "2026-02-17", to: "2026-03-18", now: NOW });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("fills the last 30 days of every figure, quickly", () => {
    expect(ms).toBeLessThan(5000);
    const openedDays = report.volume.days.filter((d) => d.opened > 0).length;
    expect(openedDays).toBeGreaterThanOrEqual(28);
    expect(report.volume.resolved).toBeGreaterThan(150);
    const { median, p90 } = report.firstResponse.overall;
    expect(median).toBeGreaterThan(60);
    expect(median).toBeLessThan(30 * 60);
    expect(p90!).toBeGreaterThan(median!);
    expect(report.resolution.median).toBeGreaterThan(median!);
    expect(report.heatmap.total).toBeGreaterThan(300);
    expect(report.windowMisses.total).toBeGreaterThan(3);
    expect(report.csat.answered).toBeGreaterThan(20);
    expect(report.csat.average).toBeGreaterThan(3.5);
    expect(report.payments.find((p) => p.currency === "EUR")?.paidCount).toBeGreaterThan(3);
    expect(report.agents.filter((a) => a.userId).length).toBeGreaterThanOrEqual(5);
  });
});
