#!/usr/bin/env bash
# `npm run demo`: build (when sources changed), migrate, seed an empty database, and serve on :3000.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data
# A per-machine JWT secret, made once: production mode refuses to start without one.
[[ -s data/.nextauth-secret ]] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' > data/.nextauth-secret
export NEXTAUTH_SECRET=${NEXTAUTH_SECRET:-$(cat data/.nextauth-secret)}
export PORT=${PORT:-3000}
export NEXTAUTH_URL=${NEXTAUTH_URL:-http://localhost:$PORT}
export APP_URL=${APP_URL:-$NEXTAUTH_URL}
# Demo mode is explicit: the built-in fake WhatsApp, the customer simulator, the demo logins.
export SPORTELLO_DEMO=1
if [[ -n "${WHATSAPP_ACCESS_TOKEN:-}" ]]; then
  echo "[demo] WHATSAPP_ACCESS_TOKEN is set: the demo never talks to a real number. Unset it, or run \\`npm start\\` for a real deployment." >&2
  exit 1
fi

if [[ ! -f .next/BUILD_ID || -n "$(find app lib components proxy.ts instrumentation.ts next.config.ts server.mjs package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]]; then
  echo "[demo] building the app (about a minute the first time)…"
  npx next build
fi
npm run --silent db:migrate
npm run --silent seed:if-empty
echo "[demo] Sportello is starting on $NEXTAUTH_URL — sign in with a demo login above."
exec node server.mjs --port "$PORT"
