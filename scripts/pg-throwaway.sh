#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests.
#   bash scripts/pg-throwaway.sh start DIR PORT   → prints postgres://postgres@127.0.0.1:PORT/postgres
#   bash scripts/pg-throwaway.sh stop  DIR        → stops it and removes DIR
#   bash scripts/pg-throwaway.sh crash-restart DIR → `pg_ctl restart -m immediate` (a crash: no
#                                                    shutdown checkpoint, recovery replays the WAL)
#   PG_THROWAWAY_DURABLE=1  keep PostgreSQL's default durability (fsync, synchronous_commit,
#                           full_page_writes): a crash test must not "lose" what was never durable
# Logs go to stderr, the URL alone to stdout: URL=$(bash scripts/pg-throwaway.sh start "$d" 55432)
# As root the server runs as the `postgres` OS user (or a dedicated `sportello-pg` user), since
# postgres refuses to run as root.
set -euo pipefail

usage() { echo "usage: $0 start DIR PORT | stop DIR [PORT] | crash-restart DIR" >&2; exit 2; }
log() { echo "[pg-throwaway] $*" >&2; }

cmd=${1:-}; dir=${2:-}; port=${3:-}
[[ -n "$cmd" && -n "$dir" ]] || usage
MARKER=".sportello-pg-throwaway"

for bin in initdb pg_ctl; do
  command -v "$bin" >/dev/null || { log "$bin not found on PATH (install PostgreSQL 15: apt-get install postgresql)"; exit 1; }
done
INITDB=$(command -v initdb); PG_CTL=$(command -v pg_ctl)

run_user=""
if [[ $(id -u) -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then
    run_user=postgres
  else
    run_user=sportello-pg
    id "$run_user" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$run_user"
  fi
fi

# Run a command as the cluster's owner (as is, when not root).
as_owner() {
  if [[ -z "$run_user" ]]; then "$@"
  elif command -v runuser >/dev/null; then (cd / && runuser -u "$run_user" -- "$@")
  else (cd / && su -s /bin/sh "$run_user" -c "$(printf '%q ' "$@")")
  fi
}

case "$cmd" in
  start)
    [[ "$port" =~ ^[0-9]+$ ]] || usage
    if [[ -e "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
      log "$dir exists and is not empty; refusing to start there"; exit 1
    fi
    if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
      log "something already accepts connections on 127.0.0.1:$port"; exit 1
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    touch "$dir/$MARKER"
    if [[ -n "$run_user" ]]; then
      chown -R "$run_user" "$dir"
      # The owner must be able to reach DIR through its parents (mktemp dirs under /tmp are fine).
      as_owner test -w "$dir" || { log "user $run_user cannot write $dir (check parent directory permissions)"; exit 1; }
    fi
    chmod 700 "$dir"
    started=$(date +%s%N)
    log "initdb in $dir/data${run_user:+ as $run_user}"
    as_owner "$INITDB" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Durability is pointless for a throwaway cluster: trade it for speed (unless a crash test asks).
    opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200"
    if [[ -z "${PG_THROWAWAY_DURABLE:-}" ]]; then
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    else
      log "default durability (PG_THROWAWAY_DURABLE is set)"
    fi
    if ! as_owner "$PG_CTL" -D "$dir/data" -o "$opts" -l "$dir/log" -w -t 60 start >&2; then
      log "server failed to start; log follows"; cat "$dir/log" >&2 || true; exit 1
    fi
    # Bounded wait until it accepts TCP connections on loopback (pg_ctl -w checks the socket).
    ready() {
      if command -v pg_isready >/dev/null; then pg_isready -q -h 127.0.0.1 -p "$port" -U postgres
      else (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
      fi
    }
    for _ in $(seq 1 60); do ready && break; sleep 0.5; done
    ready || { log "server not accepting connections on 127.0.0.1:$port after 30 s; log follows"; cat "$dir/log" >&2; exit 1; }
    log "ready on 127.0.0.1:$port in $(( ($(date +%s%N) - started) / 1000000 )) ms"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [[ -d "$dir" ]] || { log "$dir does not exist; nothing to stop"; exit 0; }
    dir=$(cd "$dir" && pwd)
    [[ -f "$dir/$MARKER" ]] || { log "$dir was not created by this script; refusing to touch it"; exit 1; }
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      as_owner "$PG_CTL" -D "$dir/data" -m fast -w -t 30 stop >&2 || log "pg_ctl stop failed"
    fi
    rm -rf "$dir"
    log "stopped and removed $dir"
    ;;
  crash-restart)
    [[ -d "$dir" ]] || { log "$dir does not exist"; exit 1; }
    dir=$(cd "$dir" && pwd)
    [[ -f "$dir/$MARKER" ]] || { log "$dir was not created by this script; refusing to touch it"; exit 1; }
    # Immediate mode: every backend is killed without a checkpoint, as in a crash; the options of
    # the last start are reused (postmaster.opts). -w: back when it accepts connections again.
    as_owner "$PG_CTL" -D "$dir/data" -m immediate -l "$dir/log" -w -t 60 restart >&2
    ;;
  *) usage ;;
esac
