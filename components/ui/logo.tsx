import { cn } from "@/lib/client/cn";

/** The product mark: a speech bubble in a rounded square. Decorative; the name is always next to it. */
export function Logo({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-7 shrink-0", className)}>
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path
        d="M9.5 11.75A3.25 3.25 0 0 1 12.75 8.5h6.5a3.25 3.25 0 0 1 3.25 3.25v4.5a3.25 3.25 0 0 1-3.25 3.25h-3.1l-3.63 3.03a.6.6 0 0 1-.98-.46V19.5h-.04A2.5 2.5 0 0 1 9.5 17z"
        fill="#fff"
        fillOpacity=".95"
      />
      <path d="M13.25 13.25h5.5M13.25 15.75h3.5" stroke="var(--accent)" strokeWidth="1.4" strokeLinecap="round" />
    </svg>
  );
}
