#!/usr/bin/env bash
# Ensures a local PostgreSQL server for the integration tests and prints its connection string.
#
#   scripts/postgres.sh          prints  Host=127.0.0.1;Port=55432;Username=jixiao;Password=…;Database=jixiao_test
#   scripts/postgres.sh --env    prints  export JIXIAO_TEST_PG='…'   (for: eval "$(scripts/postgres.sh --env)")
#
# Idempotent and safe to run twice (or from two work trees at once: a lock serialises runs):
#   1. installs the PostgreSQL server from Debian when no server binary is installed;
#   2. creates a dedicated test cluster (version = the newest installed, name "jixiao") unless it exists;
#   3. makes it listen on 127.0.0.1 only, on port $JIXIAO_PG_PORT (default 55432), with
#      durability switched off (fsync, full_page_writes, synchronous_commit): it holds test data only;
#   4. starts it and waits with pg_isready;
#   5. creates role "jixiao" (LOGIN CREATEDB, password $JIXIAO_PG_PASSWORD, default "jixiao") and
#      database "jixiao_test" owned by it, then checks that a password login over TCP works; also role
#      "jixiao_nocreatedb" (LOGIN, no CREATEDB, password: the same followed by "-nocreatedb-Q7", so that a test
#      can tell it from the role name in the output) for the tests of a role that may not create databases.
# Only the connection string goes to stdout; progress and errors go to stderr. Exit code 0 = ready.
# Runs as root (uses runuser to act as the "postgres" user), as postgres, or with passwordless sudo.
# Environment: JIXIAO_PG_PORT, JIXIAO_PG_PASSWORD, JIXIAO_PG_CLUSTER (default jixiao),
#              JIXIAO_PG_VERSION (default: newest installed server).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/apt.sh
. "$here/lib/apt.sh"

mode=plain
case "${1:-}" in
  "") ;;
  --env) mode=env ;;
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--env]" >&2; exit 2 ;;
esac

port=${JIXIAO_PG_PORT:-55432}
password=${JIXIAO_PG_PASSWORD:-jixiao}
cluster=${JIXIAO_PG_CLUSTER:-jixiao}
role=jixiao
database=jixiao_test
log() { echo "[postgres.sh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
started=$(date +%s%N)

case "$port" in ''|*[!0-9]*) die "JIXIAO_PG_PORT must be a number, got '$port'" ;; esac
case "$password" in *"'"*|*";"*) die "JIXIAO_PG_PASSWORD must not contain ' or ;" ;; esac

# Runs a command as the postgres OS user.
as_postgres() {
  if [ "$(id -un)" = postgres ]; then
    (cd / && "$@")
  elif [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    (cd / && sudo -n -u postgres -- "$@")
  else
    die "run as root, as postgres, or with passwordless sudo"
  fi
}
# Runs a cluster-management command (pg_createcluster, pg_ctlcluster, pg_conftool) as root if we can.
as_admin() {
  if [ "$(id -u)" -eq 0 ] || [ "$(id -un)" = postgres ]; then
    "$@"
  else
    sudo -n "$@"
  fi
}

# One run at a time on this machine: other work trees may run this script concurrently.
lock=/tmp/jixiao-postgres.lock
exec 9>>"$lock"
flock -w 300 9 || die "another scripts/postgres.sh has held $lock for 5 minutes"

# 1. Packages.
server_versions() {
  local d
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$d" ] && basename "$(dirname "$(dirname "$d")")"
  done | sort -n
}
if [ -z "$(server_versions)" ] || ! command -v pg_createcluster >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
  apt_ensure postgresql postgresql-client || die "could not install PostgreSQL from Debian (apt-get install postgresql)"
fi
version=${JIXIAO_PG_VERSION:-$(server_versions | tail -n 1)}
[ -n "$version" ] && [ -x "/usr/lib/postgresql/$version/bin/postgres" ] ||
  die "no PostgreSQL server binary for version '${version}' under /usr/lib/postgresql"

# 2. Cluster.
cluster_line() { pg_lsclusters --no-header 2>/dev/null | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c'; }
if [ -z "$(cluster_line)" ]; then
  log "creating cluster $version/$cluster on port $port"
  as_admin pg_createcluster "$version" "$cluster" --port "$port" --start-conf manual \
    --locale C.UTF-8 --encoding UTF8 -- --no-sync >&2 9>&- || die "pg_createcluster $version $cluster failed"
fi

# 3. Configuration, converged on every run. The port lives in postgresql.conf (pg_lsclusters reads
# it there); the rest in a drop-in file, which postgresql.conf includes after its own settings.
restart=no
have_port=$(as_admin pg_conftool -s "$version" "$cluster" show port 2>/dev/null || true)
if [ "$have_port" != "$port" ]; then
  log "setting port $port"
  as_admin pg_conftool "$version" "$cluster" set port "$port"
  restart=yes
fi
confdir=/etc/postgresql/$version/$cluster/conf.d
grep -Eq "^[[:space:]]*include_dir[[:space:]]*=[[:space:]]*'conf.d'" "/etc/postgresql/$version/$cluster/postgresql.conf" ||
  die "/etc/postgresql/$version/$cluster/postgresql.conf does not include conf.d"
conf="# Written by scripts/postgres.sh: a throw-away cluster for tests, not for data worth keeping.
listen_addresses = '127.0.0.1'
ssl = off
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 200
"
if [ "$(cat "$confdir/jixiao.conf" 2>/dev/null)" != "${conf%$'\n'}" ]; then
  as_admin mkdir -p "$confdir"
  printf '%s' "$conf" | as_admin tee "$confdir/jixiao.conf" >/dev/null
  restart=yes
fi

# 4. Start.
status=$(cluster_line | awk '{print $4}')
if [ "$status" = online ]; then
  if [ "$restart" = yes ]; then
    log "restarting $version/$cluster for the new configuration"
    as_admin pg_ctlcluster "$version" "$cluster" restart >&2 9>&- || die "restart failed"
  fi
else
  log "starting cluster $version/$cluster"
  # 9>&-: the server must not inherit the lock, or it would hold it for as long as it runs.
  if ! as_admin pg_ctlcluster "$version" "$cluster" start >&2 9>&-; then
    logfile=/var/log/postgresql/postgresql-$version-$cluster.log
    [ -r "$logfile" ] && tail -n 20 "$logfile" >&2
    die "pg_ctlcluster $version $cluster start failed (is port $port in use? set JIXIAO_PG_PORT)"
  fi
fi
ready=no
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port" -t 1; then ready=yes; break; fi
  sleep 0.5
done
[ "$ready" = yes ] || die "server on 127.0.0.1:$port did not become ready in 30 s"

# 5. Role and database (through the Unix socket, as the postgres superuser).
as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres -v pw="$password" -v pw2="$password-nocreatedb-Q7" >&2 <<SQL || die "could not create role $role / database $database"
SELECT 'CREATE ROLE $role' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE $role WITH LOGIN CREATEDB PASSWORD :'pw';
SELECT 'CREATE ROLE ${role}_nocreatedb' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}_nocreatedb') \gexec
ALTER ROLE ${role}_nocreatedb WITH LOGIN NOCREATEDB PASSWORD :'pw2';
SELECT 'CREATE DATABASE $database OWNER $role ENCODING ''UTF8'' TEMPLATE template0'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database') \gexec
SQL

connection="Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database"
PGPASSWORD=$password PGCONNECT_TIMEOUT=10 psql -X -qAt -h 127.0.0.1 -p "$port" -U "$role" -d "$database" \
  -c 'SELECT 1' >/dev/null || die "password login as $role over TCP failed"

log "ready: PostgreSQL $version cluster '$cluster' on 127.0.0.1:$port ($(( ($(date +%s%N) - started) / 1000000 )) ms)"
if [ "$mode" = env ]; then
  printf "export JIXIAO_TEST_PG='%s'\n" "$connection"
else
  printf '%s\n' "$connection"
fi
