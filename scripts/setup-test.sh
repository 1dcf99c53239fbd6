#!/usr/bin/env bash
# `npm run setup:test`: what the tests need beyond `npm ci` — a Chromium for Playwright, and
# poppler's pdftoppm for one boarding-pass test.
# Playwright cannot download its own browsers on machines without internet; Debian's chromium works.
set -euo pipefail

if [[ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" && -x "${PLAYWRIGHT_CHROMIUM_PATH}" ]]; then
  echo "[setup:test] using PLAYWRIGHT_CHROMIUM_PATH=$PLAYWRIGHT_CHROMIUM_PATH"
elif [[ -x /usr/bin/chromium ]]; then
  echo "[setup:test] chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[setup:test] installing Debian's chromium (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium </dev/null
  echo "[setup:test] installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
else
  cat >&2 <<'MSG'
[setup:test] No Chromium found and this script cannot install it (needs root and apt-get). Either:
  - Debian/Ubuntu:   sudo apt-get install -y chromium
  - with internet:   npx playwright install --with-deps chromium
  - or point the tests at a Chromium: export PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium
MSG
  exit 1
fi

# pdftoppm (poppler-utils) rasterises a boarding-pass PDF so a test can scan its barcode as a
# phone would; without it that one test skips and says so.
if ! command -v pdftoppm >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "[setup:test] installing poppler-utils (pdftoppm, apt-get)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils </dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils </dev/null; } \
      || echo "[setup:test] note: could not install poppler-utils; the PDF barcode scan test will skip." >&2
  else
    echo "[setup:test] note: pdftoppm (poppler-utils) not found; the PDF barcode scan test will skip." >&2
  fi
fi

command -v initdb >/dev/null && command -v pg_ctl >/dev/null \
  || echo "[setup:test] note: initdb/pg_ctl not on PATH; \`npm test\` then needs TEST_DATABASE_URL pointing at a PostgreSQL server." >&2
