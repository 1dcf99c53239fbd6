#!/usr/bin/env bash
# The server Playwright starts (playwright.config.ts → webServer): a production build on
# 127.0.0.1:${E2E_PORT:-3100} over a fresh, seeded PGlite in ./.data-e2e (never the dev database).
#   E2E_SKIP_BUILD=1  reuse the existing .next build
set -euo pipefail
cd "$(dirname "$0")/.."

export PGLITE_DIR=./.data-e2e
export NEXTAUTH_SECRET=e2e-only-secret-not-for-production-0123456789
export PORT=${E2E_PORT:-3100}
export NEXTAUTH_URL=http://127.0.0.1:$PORT
export APP_URL=$NEXTAUTH_URL
export SPORTELLO_DEMO=1
# e2e/fixtures.ts signs webhooks with the same secret.
export WHATSAPP_APP_SECRET=e2e-app-secret
export WHATSAPP_VERIFY_TOKEN=e2e-verify-token
unset DATABASE_URL

rm -rf "$PGLITE_DIR"

if [[ -z "${E2E_SKIP_BUILD:-}" ]]; then
  echo "[e2e-server] next build"
  npx next build
fi
echo "[e2e-server] migrate + seed ($PGLITE_DIR)"
npm run db:migrate
# Teams without auto-assignment: specs expect the customers they create to arrive unassigned
# (e2e/team.spec.ts switches it on and off again itself).
npm run seed -- --auto-assign=off
# A real workspace next to the demo: the authorization matrix signs in there to prove isolation.
npm run --silent user:create -- --email outsider@example.test --role admin --name "Outside Admin" --password outsider-e2e-password >/dev/null
echo "[e2e-server] node server.mjs on 127.0.0.1:$PORT"
exec node server.mjs --port "$PORT" --hostname 127.0.0.1
