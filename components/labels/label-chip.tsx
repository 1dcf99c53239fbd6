import { cn } from "@/lib/client/cn";

// Eight calm hues, legible in both themes (text ≥ 4.5:1 on its tint); the dot keeps the colour
// recognisable for anyone who reads the name first.
export const LABEL_STYLE: Record<string, { chip: string; dot: string }> = {
  slate: { chip: "bg-slate-100 text-slate-700 dark:bg-slate-500/15 dark:text-slate-300", dot: "bg-slate-500" },
  blue: { chip: "bg-blue-50 text-blue-800 dark:bg-blue-500/15 dark:text-blue-300", dot: "bg-blue-500" },
  green: { chip: "bg-emerald-50 text-emerald-800 dark:bg-emerald-500/15 dark:text-emerald-300", dot: "bg-emerald-500" },
  amber: { chip: "bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300", dot: "bg-amber-500" },
  red: { chip: "bg-rose-50 text-rose-800 dark:bg-rose-500/15 dark:text-rose-300", dot: "bg-rose-500" },
  violet: { chip: "bg-violet-50 text-violet-800 dark:bg-violet-500/15 dark:text-violet-300", dot: "bg-violet-500" },
  pink: { chip: "bg-pink-50 text-pink-800 dark:bg-pink-500/15 dark:text-pink-300", dot: "bg-pink-500" },
  teal: { chip: "bg-teal-50 text-teal-800 dark:bg-teal-500/15 dark:text-teal-300", dot: "bg-teal-500" },
};

export function LabelDot({ color, className }: { color: string; className?: string }) {
  return <span aria-hidden className={cn("inline-block size-2 shrink-0 rounded-full", (LABEL_STYLE[color] ?? LABEL_STYLE.slate!).dot, className)} />;
}

export function LabelChip({ name, color, className }: { name: string; color: string; className?: string }) {
  return (
    <span className={cn("pill max-w-[10rem] min-w-0 gap-1 overflow-hidden", (LABEL_STYLE[color] ?? LABEL_STYLE.slate!).chip, className)}>
      <LabelDot color={color} className="size-1.5" />
      <span className="min-w-0 truncate">{name}</span>
    </span>
  );
}

/** A row of chips, at most `max` with "+n" for the rest. */
export function LabelChips({ labels, max = 2, className }: { labels: { id: string; name: string; color: string }[] | undefined; max?: number; className?: string }) {
  if (!labels || labels.length === 0) return null;
  const shown = labels.slice(0, max);
  const rest = labels.length - shown.length;
  return (
    <span className={cn("flex min-w-0 items-center gap-1", className)}>
      {shown.map((l) => (
        <LabelChip key={l.id} name={l.name} color={l.color} />
      ))}
      {rest > 0 && (
        <span className="pill bg-surface-3 text-muted" title={labels.slice(max).map((l) => l.name).join(", ")}>
          +{rest}
        </span>
      )}
    </span>
  );
}
