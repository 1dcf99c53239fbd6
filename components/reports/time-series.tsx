"use client";

import { useState } from "react";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear, scaleSqrt } from "@visx/scale";
import { Bar, LinePath } from "@visx/shape";
import { useElementWidth } from "./use-width";

// A per-day chart drawn with @visx: bars and/or lines over the days of the range, a quiet grid,
// and a tooltip for the hovered day. Loaded on demand (next/dynamic) by /reports only. The SVG is
// decorative (aria-hidden): the card around it says the figure in words and offers a table.

export type Series = { key: string; label: string; values: (number | null)[]; color: string; kind: "bar" | "line"; dashed?: boolean };

type Props = {
  days: string[];
  series: Series[];
  formatValue: (n: number) => string;
  formatTick?: (n: number) => string;
  formatDay: (day: string) => string;
  formatDayLong: (day: string) => string;
  height?: number;
  /** Counts: only whole-number ticks. */
  integer?: boolean;
  /** Durations: a square-root axis (a night's wait does not flatten the minutes) with round ticks. */
  durations?: boolean;
};

/** Round durations in seconds: 1, 5, 15, 30 min, 1, 2, 4, 8, 12 h, 1, 2, 4 days. */
const DURATION_TICKS = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 86_400, 172_800, 345_600];

/** The axis top (the first round duration above `max`) and a few ticks spread evenly on a sqrt axis. */
function durationTicks(max: number): { top: number; ticks: number[] } {
  const top = DURATION_TICKS.find((t) => t >= max) ?? max;
  const ticks: number[] = [top];
  const gap = Math.sqrt(top) * 0.2;
  for (const t of [...DURATION_TICKS].reverse()) {
    // Evenly spread on the sqrt axis, and never crowding the 0 at the bottom.
    if (t < top && Math.sqrt(ticks[ticks.length - 1]!) - Math.sqrt(t) >= gap && Math.sqrt(t) >= gap) ticks.push(t);
  }
  return { top, ticks: [0, ...ticks.reverse()] };
}

const MARGIN = { top: 10, right: 6, bottom: 26, left: 46 };
const AXIS_TEXT = { fill: "var(--muted)", fontSize: 11, fontFamily: "inherit" } as const;

export function TimeSeries({ days, series, formatValue, formatTick = formatValue, formatDay, formatDayLong, height = 220, integer = false, durations = false }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const innerW = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const dur = durations ? durationTicks(max) : null;
  const y = dur ? scaleSqrt<number>({ domain: [0, dur.top], range: [innerH, 0] }) : scaleLinear<number>({ domain: [0, max > 0 ? max : 1], range: [innerH, 0], nice: true });
  const ticks = dur ? dur.ticks : y.ticks(4).filter((t) => !integer || Number.isInteger(t));
  const x = scaleBand<string>({ domain: days, range: [0, innerW], paddingInner: days.length > 45 ? 0.15 : 0.3, paddingOuter: 0.1 });
  const bw = x.bandwidth();
  const bars = series.filter((s) => s.kind === "bar");
  const lines = series.filter((s) => s.kind === "line");
  const barW = bars.length > 0 ? bw / bars.length : 0;
  const labelEvery = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(innerW / 64))));
  const cx = (i: number) => (x(days[i]!) ?? 0) + bw / 2;
  const hovered = hover !== null ? days[hover] : undefined;

  return (
    <div ref={ref} className="relative w-full" style={{ height }} onMouseLeave={() => setHover(null)}>
      {width > 0 && (
        <svg width={width} height={height} aria-hidden="true" className="block overflow-visible">
          <Group left={MARGIN.left} top={MARGIN.top}>
            {ticks.map((t) => (
              <g key={t}>
                <line x1={0} x2={innerW} y1={y(t)} y2={y(t)} style={{ stroke: "var(--line)" }} strokeDasharray={t === 0 ? undefined : "2 3"} />
                <text x={-8} y={y(t)} dy="0.32em" textAnchor="end" style={AXIS_TEXT}>
                  {formatTick(t)}
                </text>
              </g>
            ))}
            {hover !== null && <rect x={(x(days[hover]!) ?? 0) - 2} y={0} width={bw + 4} height={innerH} rx={4} style={{ fill: "var(--surface-3)" }} />}
            {bars.map((s, si) =>
              s.values.map((v, i) =>
                v ? (
                  <Bar key={`${s.key}-${i}`} x={(x(days[i]!) ?? 0) + si * barW} y={y(v)} width={Math.max(1, barW - (bars.length > 1 ? 1 : 0))} height={innerH - y(v)} rx={Math.min(3, barW / 3)} style={{ fill: s.color }} />
                ) : null,
              ),
            )}
            {lines.map((s) => {
              const idx = s.values.map((_, i) => i);
              return (
                <g key={s.key}>
                  <LinePath data={idx} x={cx} y={(i) => y(s.values[i] ?? 0)} defined={(i) => s.values[i] !== null} style={{ stroke: s.color }} strokeWidth={2} strokeDasharray={s.dashed ? "5 4" : undefined} strokeLinejoin="round" strokeLinecap="round" fill="none" />
                  {idx.map((i) => {
                    const v = s.values[i] ?? null;
                    const alone = v !== null && (s.values[i - 1] ?? null) === null && (s.values[i + 1] ?? null) === null;
                    if (v === null || (!alone && hover !== i && days.length > 31)) return null;
                    return <circle key={i} cx={cx(i)} cy={y(v)} r={hover === i ? 4 : 2.5} style={{ fill: "var(--surface)", stroke: s.color }} strokeWidth={2} />;
                  })}
                </g>
              );
            })}
            {days.map((d, i) =>
              i % labelEvery === 0 ? (
                <text key={d} x={cx(i)} y={innerH + 17} textAnchor="middle" style={AXIS_TEXT}>
                  {formatDay(d)}
                </text>
              ) : null,
            )}
            {days.map((d, i) => (
              <rect key={d} x={(x(d) ?? 0) - (bw * 0.15)} y={0} width={bw * 1.3} height={innerH} fill="transparent" onMouseEnter={() => setHover(i)} />
            ))}
          </Group>
        </svg>
      )}
      {hovered && hover !== null && (
        <div
          className="pointer-events-none absolute top-0 z-10 min-w-36 rounded-ctl border border-line bg-surface px-2.5 py-2 text-2xs shadow-pop"
          style={{ left: Math.min(Math.max(MARGIN.left + cx(hover), 80), width - 80), transform: "translateX(-50%)" }}
        >
          <div className="mb-1 font-medium text-fg">{formatDayLong(hovered)}</div>
          {series.map((s) => (
            <div key={s.key} className="flex items-center justify-between gap-3 text-fg-2">
              <span className="inline-flex items-center gap-1.5">
                <span className="size-2 rounded-full" style={{ background: s.color }} aria-hidden />
                {s.label}
              </span>
              <span className="font-medium text-fg tabular-nums">{s.values[hover] === null ? "—" : formatValue(s.values[hover] ?? 0)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
