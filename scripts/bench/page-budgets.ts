// The script budget of every main page: gzip KiB of the `<script src>` files its HTML loads (the
// production build, gzip level 9; inline scripts and the HTML itself are outside the budget).
// `npm run bench:page-weight` measures them and `-- --check` fails when a page is over: `npm test`
// runs that check on the build its e2e stage made. This file is the one place the budgets live.
//
// The floor of any App Router page is ≈ 132.3 KiB before a component of ours: React DOM (69.9),
// Next's router runtime and Turbopack's chunk loader (59.0), Next's built-in layout components (3.4).
// Every signed-in page adds the (app) layout's share, ≈ 55 KiB: next-intl's client with its ICU
// message formatter, TanStack Query, tailwind-merge, lucide's icons, and the shell (top bar, user
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
    why: "Issue 14. Signed out: a route handler answering HTML with no script at all (0 KiB; app/login/route.ts), as /pay/<token> does; the form is a plain <form method=\"post\"> answered with a 303. 130 is below the App Router floor (132.3), so turning /login back into an App Router page fails it.",
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
    kib: 200,
    why: "The shell, the filters, the KPI tiles and tables. The charts' library (@visx: d3-scale, d3-shape, d3-array…) is the one no other page needs; it loads through next/dynamic after the page's own scripts (components/reports/daily-cards.tsx), so it is not in this measure and needs no higher budget. Loading it eagerly would fail this budget, which is the point.",
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
