import { z } from "zod";

// GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&team=…][&agent=…][&format=csv]. Client-safe.
// Days are calendar days in the workspace's time zone, both ends included.

export const MAX_REPORT_DAYS = 366;
const DAY_MS = 86_400_000;

/** A real calendar date (2026-02-30 is refused), as the YYYY-MM-DD string. */
const calendarDay = z.string().superRefine((s, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return void ctx.addIssue({ code: "custom", message: "Use YYYY-MM-DD." });
  const d = new Date(`${s}T00:00:00Z`);
  const real = !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2999;
  if (!real) ctx.addIssue({ code: "custom", message: "Not a calendar date." });
});

/** Days from `from` to `to`, both included (1 for a single day). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export const reportQuerySchema = z
  .object({
    from: calendarDay,
    to: calendarDay,
    team: z.string().uuid("Not a team id.").optional(),
    agent: z.string().uuid("Not a teammate id.").optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .superRefine((q, ctx) => {
    // Only two valid dates are compared (zod still runs this after a field's own refinement failed).
    if (!calendarDay.safeParse(q.from).success || !calendarDay.safeParse(q.to).success) return;
    const days = daysInRange(q.from, q.to);
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    else if (days > MAX_REPORT_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `At most ${MAX_REPORT_DAYS} days.` });
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;
