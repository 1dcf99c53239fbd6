#!/usr/bin/env bash
# `npm run cluster:local`: Sportello as a real multi-node deployment, all on 127.0.0.1
# (docs/scaling.md explains every piece):
#
#   browser ─► HAProxy :4400 ─► app 1 :4401 ┐   DATABASE_URL ─► PgBouncer :4432 (transaction) ─► primary :4433
#              (round robin,    app 2 :4402 ├─  DATABASE_DIRECT_URL (LISTEN) ─────────────────────► primary :4433
#               /api/health)    app 3 :4403 ┘   DATABASE_READ_URL (reports) ─► replica :4434 (streaming, pg_basebackup -R)
#
#   npm run cluster:local                      start, print the URL and logins, Ctrl-C stops everything
#   npm run cluster:local -- --detach          start and return (stop later with `stop`)
#   npm run cluster:local -- --e2e --detach    the e2e suite's secrets and seed (CLUSTER_URL=… npx playwright test)
#   npm run cluster:local -- stop | status
#   npm run cluster:local -- start-app 2        start app 2 again (after `kill -9 $(cat .cluster/run/app2.pid)`)
#   npm run cluster:local -- crash-primary      a crash of the primary (`pg_ctl restart -m immediate`), for the fault suites
#
# Installs nothing: it needs haproxy and pgbouncer (`npm run setup:cluster`) and PostgreSQL 15's
# initdb/pg_ctl/pg_basebackup. State and logs live in ./.cluster (gitignored), rebuilt on each start.
# Ports 4400–4499 only: CLUSTER_PORT_BASE moves the whole set (LB = base, apps base+1…, PgBouncer
# base+32, primary base+33, replica base+34, HAProxy stats base+98).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STATE=$ROOT/.cluster
BASE=${CLUSTER_PORT_BASE:-4400}
LB_PORT=$BASE
APP_PORTS=($((BASE + 1)) $((BASE + 2)) $((BASE + 3)))
BOUNCER_PORT=$((BASE + 32))
PRIMARY_PORT=$((BASE + 33))
REPLICA_PORT=$((BASE + 34))
STATS_PORT=$((BASE + 98))
DB=sportello
# Per process: a query pool of 10 through PgBouncer, 1 LISTEN connection to the primary, and a
# reports pool of at most 4 on the replica. PgBouncer multiplexes 3 × 10 clients onto 20 server
# connections (docs/scaling.md, "Connection budget").
POOL_MAX=${CLUSTER_POOL_MAX:-10}
BOUNCER_POOL=${CLUSTER_BOUNCER_POOL:-20}
URL=http://127.0.0.1:$LB_PORT

log() { printf '\033[1m[cluster]\033[0m %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

cmd=start; detach=""; e2e=""; app_n=""
for a in "$@"; do
  case "$a" in
    start) cmd=start ;;
    start-app) cmd=start-app ;;
    [123]) app_n=$a ;;
    stop) cmd=stop ;;
    status) cmd=status ;;
    crash-primary) cmd=crash-primary ;;
    --detach) detach=1 ;;
    --e2e) e2e=1 ;;
    -h|--help) sed -n 2,20p "$0"; exit 0 ;;
    *) die "unknown argument: $a (start [--detach] [--e2e] | stop | status | start-app N | crash-primary)" ;;
  esac
done

# PostgreSQL and PgBouncer refuse to run as root: as root they run as the `postgres` user.
run_user=""
if [[ $(id -u) -eq 0 ]]; then
  if id postgres >/dev/null 2>&1; then run_user=postgres; else run_user=sportello-pg; id "$run_user" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$run_user"; fi
fi
as_owner() {
  if [[ -z "$run_user" ]]; then "$@"
  else (cd / && runuser -u "$run_user" -- "$@")
  fi
}

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Wait (bounded) until a TCP port on loopback accepts connections.
wait_port() {
  local port=$1 what=$2 secs=${3:-60}
  for _ in $(seq 1 $((secs * 4))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.25
  done
  die "$what did not listen on 127.0.0.1:$port within $secs s (logs: $STATE/logs)"
}

stop_all() {
  [[ -d "$STATE" ]] || { log "nothing to stop"; return 0; }
  log "stopping"
  if alive "$STATE/run/haproxy.pid"; then kill "$(cat "$STATE/run/haproxy.pid")" 2>/dev/null || true; fi
  local pids=()
  for i in 1 2 3; do
    if alive "$STATE/run/app$i.pid"; then pids+=("$(cat "$STATE/run/app$i.pid")"); fi
  done
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    # server.mjs closes SSE streams and exits within ~5 s; bounded, then forced.
    for _ in $(seq 1 40); do
      local left=0
      for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left=1; done
      ((left)) || break
      sleep 0.25
    done
    for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  fi
  if alive "$STATE/run/pgbouncer.pid"; then kill "$(cat "$STATE/run/pgbouncer.pid")" 2>/dev/null || true; fi
  for node in replica primary; do
    if [[ -f "$STATE/pg/$node/postmaster.pid" ]]; then as_owner pg_ctl -D "$STATE/pg/$node" -m fast -w -t 30 stop >/dev/null 2>&1 || log "pg_ctl stop $node failed"; fi
  done
  rm -f "$STATE"/run/*.pid
  log "stopped (logs kept in $STATE/logs)"
}

status() {
  [[ -d "$STATE/run" ]] || { echo "not running"; return 0; }
  for f in "$STATE"/run/*.pid; do [[ -f "$f" ]] && printf '%-12s %s\n' "$(basename "$f" .pid)" "$(alive "$f" && echo "running ($(cat "$f"))" || echo down)"; done
  for node in primary replica; do printf '%-12s %s\n' "$node" "$(as_owner pg_ctl -D "$STATE/pg/$node" status >/dev/null 2>&1 && echo running || echo down)"; done
  curl -s "http://127.0.0.1:$STATS_PORT/;csv" 2>/dev/null | awk -F, '$1=="apps" && $2 ~ /^app/ {print "haproxy      " $2 " " $18}' || true
}

# App i (1–3) on its port, with the environment written at start; the pid in run/app<i>.pid.
start_app() {
  local i=$1 port=${APP_PORTS[$(($1 - 1))]}
  log "app $i: node server.mjs on 127.0.0.1:$port"
  (
    # shellcheck disable=SC1091
    source "$STATE/app.env"
    PORT=$port nohup node server.mjs --port "$port" --hostname 127.0.0.1 >>"$STATE/logs/app$i.log" 2>&1 &
    echo $! >"$STATE/run/app$i.pid"
  )
}

case "$cmd" in
  stop) stop_all; exit 0 ;;
  status) status; exit 0 ;;
  start-app)
    [[ "$app_n" =~ ^[123]$ && -f "$STATE/app.env" ]] || die "usage: start-app 1|2|3 (on a running cluster)"
    alive "$STATE/run/app$app_n.pid" && die "app $app_n is running"
    start_app "$app_n"; wait_port "${APP_PORTS[$((app_n - 1))]}" "app $app_n" 90; exit 0 ;;
  crash-primary)
    # No shutdown checkpoint: recovery replays the WAL, as after a power cut (the primary keeps
    # fsync on). The replica and PgBouncer reconnect by themselves; so must the apps.
    [[ -f "$STATE/pg/primary/postmaster.pid" ]] || die "the primary is not running"
    as_owner pg_ctl -D "$STATE/pg/primary" -l "$STATE/logs/primary.log" -m immediate -w -t 60 restart >/dev/null
    exit 0 ;;
esac

# ---- preflight: say what is missing, install nothing ----
missing=()
for bin in haproxy pgbouncer initdb pg_ctl pg_basebackup psql; do command -v "$bin" >/dev/null || missing+=("$bin"); done
if ((${#missing[@]})); then
  die "missing: ${missing[*]}. Install haproxy and pgbouncer with \`npm run setup:cluster\` (apt-get, as root) or \`sudo apt-get install -y haproxy pgbouncer\`; PostgreSQL 15 with \`apt-get install -y postgresql-15\`."
fi
for p in "$LB_PORT" "${APP_PORTS[@]}" "$BOUNCER_PORT" "$PRIMARY_PORT" "$REPLICA_PORT" "$STATS_PORT"; do
  (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && die "127.0.0.1:$p is already in use (a cluster still running? \`npm run cluster:local -- stop\`)"
done
if [[ -d "$STATE/run" ]] && ls "$STATE"/run/*.pid >/dev/null 2>&1; then
  for f in "$STATE"/run/*.pid; do alive "$f" && die "$(basename "$f" .pid) from a previous start is still running: \`npm run cluster:local -- stop\` first"; done
fi

rm -rf "$STATE"
mkdir -p "$STATE"/{pg,run,logs,media,bouncer}
chmod 755 "$STATE"
[[ -n "$run_user" ]] && chown "$run_user" "$STATE/pg" "$STATE/bouncer" "$STATE/run" "$STATE/logs"
cleanup_on_fail() { local rc=$?; if ((rc != 0)); then log "start failed (rc $rc); stopping what started"; stop_all; fi; }
trap cleanup_on_fail EXIT

started=$(date +%s)

# ---- PostgreSQL primary: default durability (fsync, synchronous_commit, full_page_writes on) ----
log "primary: initdb + start on 127.0.0.1:$PRIMARY_PORT"
as_owner initdb -D "$STATE/pg/primary" -A trust -U postgres -E UTF8 --no-locale >"$STATE/logs/initdb.log" 2>&1 || { cat "$STATE/logs/initdb.log" >&2; exit 1; }
cat >>"$STATE/pg/primary/postgresql.conf" <<CONF
# cluster-local: loopback only, sockets in the data dir's run dir, room for replication
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$STATE/run'
max_connections = 100
wal_level = replica
max_wal_senders = 5
wal_keep_size = '256MB'
hot_standby = on
log_line_prefix = '%m [%p] %a '
CONF
as_owner pg_ctl -D "$STATE/pg/primary" -l "$STATE/logs/primary.log" -w -t 60 start >/dev/null
as_owner psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -qAt -c "create database $DB" >/dev/null

# ---- streaming replica: a base backup that writes standby.signal + primary_conninfo (-R) ----
log "replica: pg_basebackup -R + start on 127.0.0.1:$REPLICA_PORT"
as_owner pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$STATE/pg/replica" -R -X stream -c fast >"$STATE/logs/basebackup.log" 2>&1 || { cat "$STATE/logs/basebackup.log" >&2; exit 1; }
as_owner pg_ctl -D "$STATE/pg/replica" -l "$STATE/logs/replica.log" -o "-p $REPLICA_PORT -c hot_standby_feedback=on" -w -t 60 start >/dev/null

# ---- PgBouncer: transaction pooling in front of the primary ----
log "pgbouncer: transaction pooling on 127.0.0.1:$BOUNCER_PORT → primary"
cat >"$STATE/bouncer/pgbouncer.ini" <<INI
[databases]
$DB = host=127.0.0.1 port=$PRIMARY_PORT dbname=$DB

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
; loopback demo: trust. A real deployment uses auth_type = scram-sha-256 and an auth_query.
auth_type = trust
auth_file = $STATE/bouncer/userlist.txt
pool_mode = transaction
default_pool_size = $BOUNCER_POOL
reserve_pool_size = 5
max_client_conn = 500
max_db_connections = 40
server_lifetime = 3600
; After a failed server login (the primary restarting, "the database system is starting up")
; PgBouncer refuses every new server connection for server_login_retry, 15 s by default: the
; apps' queries would fail for 15 s after the primary is back. Retry after 1 s instead.
server_login_retry = 1
ignore_startup_parameters = extra_float_digits,options
admin_users = postgres
log_connections = 0
log_disconnections = 0
logfile = $STATE/logs/pgbouncer.log
pidfile = $STATE/run/pgbouncer.pid
INI
echo '"postgres" ""' >"$STATE/bouncer/userlist.txt"
[[ -n "$run_user" ]] && chown -R "$run_user" "$STATE/bouncer"
as_owner pgbouncer -d "$STATE/bouncer/pgbouncer.ini"
wait_port "$BOUNCER_PORT" pgbouncer 15

PRIMARY_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DB
BOUNCER_URL=postgres://postgres@127.0.0.1:$BOUNCER_PORT/$DB
REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB

# ---- schema + demo data (on the primary directly: DDL is one session's work) ----
secret_file=$STATE/nextauth-secret
node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' >"$secret_file"
export NEXTAUTH_SECRET=${NEXTAUTH_SECRET:-$(cat "$secret_file")}
export SPORTELLO_DEMO=1 NEXTAUTH_URL=$URL APP_URL=$URL MEDIA_DIR=$STATE/media
unset WHATSAPP_ACCESS_TOKEN
if [[ -n "$e2e" ]]; then
  # What scripts/e2e-server.sh runs with: e2e/fixtures.ts signs webhooks with this secret.
  export NEXTAUTH_SECRET=e2e-only-secret-not-for-production-0123456789
  export WHATSAPP_APP_SECRET=e2e-app-secret WHATSAPP_VERIFY_TOKEN=e2e-verify-token
fi
log "migrate + seed"
DATABASE_URL=$PRIMARY_URL npm run --silent db:migrate
if [[ -n "$e2e" ]]; then
  DATABASE_URL=$PRIMARY_URL npm run --silent seed -- --auto-assign=off >"$STATE/logs/seed.log"
  DATABASE_URL=$PRIMARY_URL npm run --silent user:create -- --email outsider@example.test --role admin --name "Outside Admin" --password outsider-e2e-password >/dev/null
else
  DATABASE_URL=$PRIMARY_URL npm run --silent seed >"$STATE/logs/seed.log"
fi

# ---- the production build, once ----
if [[ ! -f .next/BUILD_ID ]]; then
  log "no production build: npx next build (about a minute)"
  npx next build >"$STATE/logs/build.log" 2>&1 || { tail -40 "$STATE/logs/build.log" >&2; exit 1; }
fi

# ---- three stateless app processes (their environment kept for `start-app N`) ----
{
  for v in NEXTAUTH_SECRET SPORTELLO_DEMO NEXTAUTH_URL APP_URL MEDIA_DIR WHATSAPP_APP_SECRET WHATSAPP_VERIFY_TOKEN; do
    [[ -n "${!v:-}" ]] && printf 'export %s=%q\n' "$v" "${!v}"
  done
  printf 'export DATABASE_URL=%q DATABASE_DIRECT_URL=%q DATABASE_READ_URL=%q DATABASE_POOL_MAX=%q TRUSTED_PROXIES=1\n' "$BOUNCER_URL" "$PRIMARY_URL" "$REPLICA_URL" "$POOL_MAX"
} >"$STATE/app.env"
chmod 600 "$STATE/app.env"
for i in 1 2 3; do start_app "$i"; done
for port in "${APP_PORTS[@]}"; do wait_port "$port" "app on $port" 90; done

# ---- HAProxy: round robin over the healthy apps, SSE-friendly timeouts ----
log "haproxy on 127.0.0.1:$LB_PORT (stats on :$STATS_PORT)"
cat >"$STATE/haproxy.cfg" <<CFG
global
    maxconn 4096
    pidfile $STATE/run/haproxy.pid

defaults
    mode http
    option forwardfor          # the apps run with TRUSTED_PROXIES=1
    option http-server-close   # one request per backend connection: round robin per request
    timeout connect 2s
    timeout http-request 10s   # headers must arrive promptly (slowloris)
    # SSE: a live stream is one long response. The app writes a heartbeat every 20 s, so an idle
    # timeout of an hour never cuts a healthy stream; HAProxy does not buffer responses.
    timeout client 1h
    timeout server 1h
    timeout tunnel 1h
    timeout http-keep-alive 10s
    # A check slower than this fails. Generous: a busy process answering in 2 s is slow, not dead.
    timeout check 5s
    # A request whose connection is refused (a process just died) is retried on another one.
    option redispatch
    retries 2

frontend web
    bind 127.0.0.1:$LB_PORT
    # Demo mode only: the in-process fake WhatsApp ("Meta") keeps its state in memory, so it is one
    # service, pinned to app 1, as Meta is one service for every app process.
    acl fake_meta path_beg /api/fake-graph
    use_backend fake_meta if fake_meta
    default_backend apps

backend apps
    balance roundrobin
    option httpchk GET /api/health
    http-check expect status 200
    # Out after 3 failed checks 2 s apart, or at once when a connection is refused (layer 4);
    # back after 2 good checks. Tighter intervals mark busy processes down on a loaded machine.
    default-server inter 2s fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down
    server app1 127.0.0.1:${APP_PORTS[0]} check
    server app2 127.0.0.1:${APP_PORTS[1]} check
    server app3 127.0.0.1:${APP_PORTS[2]} check

backend fake_meta
    server app1 127.0.0.1:${APP_PORTS[0]} check inter 1s

listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /
    stats refresh 2s
CFG
haproxy -c -q -f "$STATE/haproxy.cfg"
haproxy -D -f "$STATE/haproxy.cfg"
wait_port "$LB_PORT" haproxy 15
# Bounded: every app healthy through the balancer's own checks.
for _ in $(seq 1 120); do
  up=$(curl -s "http://127.0.0.1:$STATS_PORT/;csv" | awk -F, '$1=="apps" && $2 ~ /^app/ && $18=="UP"' | wc -l)
  ((up == 3)) && break
  sleep 0.5
done
((up == 3)) || die "only $up of 3 apps passed /api/health (logs: $STATE/logs)"
curl -sf "$URL/login" -o /dev/null || die "$URL/login does not answer"
trap - EXIT

cat >&2 <<MSG

  Sportello cluster is up in $(( $(date +%s) - started )) s: $URL/login
    HAProxy       127.0.0.1:$LB_PORT   (stats http://127.0.0.1:$STATS_PORT/)
    apps          127.0.0.1:${APP_PORTS[0]} ${APP_PORTS[1]} ${APP_PORTS[2]}
    PgBouncer     $BOUNCER_URL (transaction pooling)
    primary       $PRIMARY_URL (LISTEN, migrations)
    replica       $REPLICA_URL (reports)
  Demo logins (password sportello-demo): admin@ marco@ (lead) giulia@ luca@ sara@ … @voloazzurro.it
  Logs: $STATE/logs   Stop: Ctrl-C, or \`npm run cluster:local -- stop\`
MSG

if [[ -n "$detach" ]]; then exit 0; fi
trap 'stop_all; exit 0' INT TERM
# Foreground: stay until Ctrl-C; say so if an app dies.
while sleep 2; do
  for i in 1 2 3; do
    if [[ -f "$STATE/run/app$i.pid" ]] && ! alive "$STATE/run/app$i.pid"; then
      log "app $i exited (see $STATE/logs/app$i.log; \`npm run cluster:local -- start-app $i\` starts it again)"
      rm -f "$STATE/run/app$i.pid"
    fi
  done
done
