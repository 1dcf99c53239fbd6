import { initials } from "@/lib/client/format";
import { cn } from "@/lib/client/cn";

// Calm, low-saturation tints; a name always gets the same one.
const TINTS = [
  "bg-[#e3eefb] text-[#2c5a8c] dark:bg-[#1c2a3a] dark:text-[#9cc2ea]",
  "bg-[#e6f3ec] text-[#2f6b4a] dark:bg-[#19302a] dark:text-[#9fd6b8]",
  "bg-[#f6ece1] text-[#845327] dark:bg-[#33271c] dark:text-[#e2b98f]",
  "bg-[#efe8f7] text-[#5d4189] dark:bg-[#2a2338] dark:text-[#c4b1e6]",
  "bg-[#f9e7ea] text-[#8b3a4a] dark:bg-[#362127] dark:text-[#eba9b6]",
  "bg-[#e4f1f3] text-[#2d6570] dark:bg-[#1a2e32] dark:text-[#98d0da]",
  "bg-[#f3f0df] text-[#6d6222] dark:bg-[#2f2c1b] dark:text-[#d8cc8a]",
];

function tintOf(seed: string): string {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  return TINTS[Math.abs(h) % TINTS.length] ?? TINTS[0]!;
}

/**
 * Initials in a tinted circle. Decorative unless given a `label`. `drawn`: the initials are painted
 * by CSS, not text, for a control whose accessible name differs from its visible words (axe's
 * label-content-name-mismatch would count decorative initials as visible text).
 */
export function Avatar({ name, seed, size = "md", label, className, drawn = false }: { name: string; seed?: string; size?: "xs" | "sm" | "md" | "lg"; label?: string; className?: string; drawn?: boolean }) {
  const sizes = { xs: "size-5 text-[9px]", sm: "size-6 text-[10px]", md: "size-8 text-[11px]", lg: "size-10 text-[13px]" };
  return (
    <span
      className={cn("inline-flex shrink-0 items-center justify-center rounded-full font-semibold tracking-wide select-none", sizes[size], tintOf(seed ?? name), className)}
      {...(label ? { role: "img", "aria-label": label, title: label } : { "aria-hidden": true })}
    >
      {drawn && !label ? <span className="before:content-[attr(data-initials)]" data-initials={initials(name)} /> : initials(name)}
    </span>
  );
}
