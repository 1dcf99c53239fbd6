"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { BarChart3, Table2 } from "lucide-react";
import { cn } from "@/lib/client/cn";

export type Legend = { label: string; color: string; dashed?: boolean; shape?: "bar" | "line" }[];

/**
 * A report card: title, a one-line description, and the chart — an image whose label says the
 * figure in words (role="img") — or, at the press of a button, the same numbers as a table.
 */
export function ChartCard({
  title,
  description,
  summary,
  legend,
  table,
  empty,
  className,
  children,
}: {
  title: string;
  description?: string;
  summary: string;
  legend?: Legend;
  table?: React.ReactNode;
  /** Said instead of the chart when the range has nothing to show. */
  empty?: string | null;
  className?: string;
  children: React.ReactNode;
}) {
  const t = useTranslations("reports");
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className={cn("flex min-w-0 flex-col rounded-card border border-line bg-surface", className)}>
      <header className="flex items-start gap-3 px-4 pt-3.5 pb-2 sm:px-5">
        <div className="min-w-0 flex-1">
          <h2 id={`${id}-h`} className="text-sm font-semibold tracking-tight">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-2xs text-muted">{description}</p>}
        </div>
        {table && !empty && (
          <button type="button" className="btn-ghost -mr-2 h-7 px-2 text-2xs" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
            {asTable ? <BarChart3 className="size-3.5" aria-hidden /> : <Table2 className="size-3.5" aria-hidden />}
            {asTable ? t("showChart") : t("showTable")}
          </button>
        )}
      </header>
      {legend && !empty && !asTable && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 px-4 pb-1 text-2xs text-fg-2 sm:px-5" aria-hidden>
          {legend.map((l) => (
            <li key={l.label} className="inline-flex items-center gap-1.5">
              {l.shape === "bar" ? (
                <span className="inline-block size-2.5 rounded-[2px]" style={{ background: l.color }} />
              ) : (
                <span className="inline-block h-0.5 w-3.5 rounded-full" style={l.dashed ? { borderTop: `2px dashed ${l.color}`, height: 0 } : { background: l.color }} />
              )}
              {l.label}
            </li>
          ))}
        </ul>
      )}
      <div className="min-h-0 flex-1 px-4 pt-1 pb-4 sm:px-5">
        {empty ? (
          <p className="grid h-full min-h-32 place-items-center rounded-ctl bg-surface-2 px-4 text-center text-ui text-muted">{empty}</p>
        ) : asTable ? (
          <div className="max-h-80 overflow-auto rounded-ctl border border-line">{table}</div>
        ) : (
          <div role="img" aria-label={summary}>
            {children}
          </div>
        )}
      </div>
    </section>
  );
}

/** A compact data table for a card's "Show table". */
export function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="w-full text-left text-2xs tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead className="sticky top-0 bg-surface-2 text-muted">
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col" className={cn("px-2.5 py-1.5 font-medium", i > 0 && "text-right")}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-line">
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((c, j) =>
              j === 0 ? (
                <th key={j} scope="row" className="px-2.5 py-1 font-normal text-fg-2">
                  {c}
                </th>
              ) : (
                <td key={j} className="px-2.5 py-1 text-right text-fg">
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
