// The script budget of every main page: gzip KiB of the `<script src>` files its HTML loads (the
// production build, gzip level 9; inline scripts and the HTML itself are outside the budget).
// `npm run bench:page-weight` measures them and `-- --check` fails when a page is over: `npm test`
// runs that check on the build its e2e stage made. This file is the one place the budgets live.
//
// What every signed-in page shares: React and the App Router runtime (≈ 105 KiB gzip), the app's
// providers (TanStack Query, next-intl, next-auth's session client) and the shell (top bar, user
// menu, notifications bell, the realtime stream). A page's budget is that plus what it alone needs.

export type PageBudget = {
  /** The page as the benchmark table names it. */
  page: string;
  /** At most this many KiB of gzip script. */
  kib: number;
  /** Why this number (the figure, or what the page needs beyond the shared part). */
  why: string;
};

export const PAGE_BUDGETS: readonly PageBudget[] = [
  {
    page: "/login",
    kib: 130,
    why: "Issue 14. Signed out: React, the router and one form; none of the app's providers.",
  },
  {
    page: "/inbox",
    kib: 200,
    why: "Issue 14. The shell, the conversation list and the thread; composers, pickers and panels load when opened.",
  },
  {
    page: "/team",
    kib: 200,
    why: "The shell and the lead's board (drag and drop is the platform's HTML5 API, no library): no heavier than the inbox.",
  },
  {
    page: "/reports",
    kib: 230,
    why: "The shell and the filters, plus the charts: @visx's scales and shapes (d3-scale, d3-shape, d3-array, d3-time…, ≈ 25 KiB gzip) are the one library no other page needs, loaded through next/dynamic but still fetched before the charts can paint.",
  },
  {
    page: "/payments",
    kib: 200,
    why: "The shell, the totals and the list with its filters: no heavier than the inbox.",
  },
  {
    page: "/pay/<token>",
    kib: 120,
    why: "Issue 14. The customer's page on a phone: a route handler answering HTML with no script at all (0 KiB), the budget is the ceiling if that ever changes.",
  },
];
