#!/usr/bin/env bash
# The second server Playwright starts: the same production build as scripts/e2e-server.sh (which
# Playwright starts first and waits for), as a real deployment would start it — no demo mode, no
# WhatsApp credentials, an empty database whose first admin comes from user:create.
set -euo pipefail
cd "$(dirname "$0")/.."

export PGLITE_DIR=./.data-e2e-live
export NEXTAUTH_SECRET=e2e-live-secret-not-for-production-0123456789
export PORT=$(( ${E2E_PORT:-3100} + 1 ))
export NEXTAUTH_URL=http://127.0.0.1:$PORT
export APP_URL=$NEXTAUTH_URL
unset DATABASE_URL SPORTELLO_DEMO WHATSAPP_APP_SECRET WHATSAPP_VERIFY_TOKEN WHATSAPP_ACCESS_TOKEN WHATSAPP_PHONE_NUMBER_ID

rm -rf "$PGLITE_DIR"
npm run --silent db:migrate
npm run --silent user:create -- --email owner@company.example --role admin --name "Company Owner" --password live-e2e-password >/dev/null
echo "[e2e-live-server] node server.mjs on 127.0.0.1:$PORT (no demo, no credentials)"
exec node server.mjs --port "$PORT" --hostname 127.0.0.1
