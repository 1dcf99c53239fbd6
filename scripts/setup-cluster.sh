#!/usr/bin/env bash
# `npm run setup:cluster`: what `npm run cluster:local` needs beyond `npm ci` — HAProxy and
# PgBouncer from Debian (apt-get, as root). PostgreSQL 15 itself (initdb, pg_ctl, pg_basebackup)
# is expected on the PATH already, as for `npm test`.
set -euo pipefail

need=()
command -v haproxy >/dev/null || need+=(haproxy)
command -v pgbouncer >/dev/null || need+=(pgbouncer)
if ((${#need[@]} == 0)); then
  echo "[setup:cluster] haproxy $(haproxy -v | head -1 | awk '{print $3}') and $(pgbouncer --version | head -1) already installed"
elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "[setup:cluster] installing ${need[*]} (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" </dev/null; }
  # Debian starts packaged services; the cluster runs its own instances on 127.0.0.1:44xx.
  for svc in "${need[@]}"; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then systemctl stop "$svc" || true; fi
  done
else
  echo "[setup:cluster] missing: ${need[*]}. Install them: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi

for bin in initdb pg_ctl pg_basebackup psql; do
  command -v "$bin" >/dev/null || echo "[setup:cluster] note: $bin is not on the PATH (PostgreSQL 15: apt-get install -y postgresql-15, then add /usr/lib/postgresql/15/bin to PATH)." >&2
done
