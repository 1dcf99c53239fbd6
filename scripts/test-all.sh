#!/usr/bin/env bash
# `npm test`: unit/integration tests on PGlite, then on PostgreSQL, then the Playwright e2e suite,
# then the page-weight budgets (scripts/bench/page-budgets.ts) on the build the e2e stage made,
# then the fault suites (kill -9, Graph outage, PostgreSQL crash, SSE reconnects, two processes,
# web + worker processes).
#   TEST_DATABASE_URL  use this PostgreSQL server instead of starting a throwaway cluster
#   PG_TEST_PORT       port of the throwaway cluster (default 55432)
#   SKIP_E2E=1         skip the browser tests (and the page-weight check, which needs their build)
#   SKIP_FAULTS=1      skip the fault suites (`npm run test:faults`: a throwaway PostgreSQL with
#                      default durability on FAULTS_PG_PORT, default 55601; apps on 3601–3602)
# Installs nothing: run `npm ci && npm run setup:test` first.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

section() { printf '\n\033[1m==== %s ====\033[0m\n' "$*"; }
elapsed() { echo "$(( $(date +%s) - $1 )) s"; }

for bin in vitest playwright; do
  [[ -x "node_modules/.bin/$bin" ]] || { echo "node_modules/.bin/$bin is missing: run \`npm ci\` first." >&2; exit 1; }
done

# Fail fast, before minutes of tests, when e2e would have no browser.
if [[ -z "${SKIP_E2E:-}" ]]; then
  if [[ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ]]; then
    [[ -x "$PLAYWRIGHT_CHROMIUM_PATH" ]] || { echo "PLAYWRIGHT_CHROMIUM_PATH=$PLAYWRIGHT_CHROMIUM_PATH is not an executable." >&2; exit 1; }
  elif [[ ! -x /usr/bin/chromium ]] && ! compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium*" >/dev/null; then
    cat >&2 <<'MSG'
No Chromium for the e2e tests: /usr/bin/chromium is missing, PLAYWRIGHT_CHROMIUM_PATH is unset
and Playwright has no browser of its own.
  → run `npm run setup:test` (installs Debian's chromium), then `npm test` again,
    or set PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium, or SKIP_E2E=1 to skip the browser tests.
MSG
    exit 1
  fi
fi

total=$(date +%s)

section "1/5 unit + integration tests on PGlite (in-memory)"
t=$(date +%s)
env -u TEST_DATABASE_URL node_modules/.bin/vitest run
echo "PGlite suite: $(elapsed "$t")"

section "2/5 unit + integration tests on PostgreSQL"
t=$(date +%s)
pg_url=${TEST_DATABASE_URL:-}
if [[ -z "$pg_url" ]]; then
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/sportello-pg.XXXXXX")
  # mktemp makes a 0700 dir; pg-throwaway needs it empty, and chowns it to the server's user.
  trap 'bash "$ROOT/scripts/pg-throwaway.sh" stop "$pg_dir" || true' EXIT
  pg_url=$(bash scripts/pg-throwaway.sh start "$pg_dir" "${PG_TEST_PORT:-55432}")
else
  echo "using TEST_DATABASE_URL (${pg_url%%@*}@…)"
fi
TEST_DATABASE_URL=$pg_url node_modules/.bin/vitest run
echo "PostgreSQL suite: $(elapsed "$t")"

if [[ -n "${SKIP_E2E:-}" ]]; then
  section "3/5 e2e and 4/5 page weight: skipped (SKIP_E2E is set)"
else
  section "3/5 e2e (Playwright, Chromium)"
  t=$(date +%s)
  node_modules/.bin/playwright test
  echo "e2e suite: $(elapsed "$t")"

  # The same production build, served by the script on a fresh PGlite; sizes are deterministic for
  # a build, so this never flakes. Bounded: the script gives up after 5 minutes, timeout after 6.
  section "4/5 page weight: gzip script per page against scripts/bench/page-budgets.ts"
  t=$(date +%s)
  timeout --kill-after=10 360 node_modules/.bin/tsx scripts/bench/page-weight.ts --check
  echo "page-weight check: $(elapsed "$t")"
fi

if [[ -n "${SKIP_FAULTS:-}" ]]; then
  section "5/5 fault suites: skipped (SKIP_FAULTS is set)"
else
  section "5/5 fault suites (production build, throwaway PostgreSQL with default durability)"
  t=$(date +%s)
  # Reuses the e2e build (.next); builds it when missing.
  node_modules/.bin/tsx scripts/faults/run.ts
  echo "fault suites: $(elapsed "$t")"
fi

section "all tests passed in $(elapsed "$total")"
