#!/usr/bin/env bash
# Web load bench: a salesperson's dashboard and a store manager's first team page under 50 concurrent users.
#
#   bash bench/web/run.sh                      # 100,000 employees / 10,000,000 sales (first run seeds, ~20-40 min)
#   bash bench/web/run.sh --employees 2000 --sales 200000 --seconds 10
#   bash bench/web/run.sh --postgres           # the same on PostgreSQL (the test cluster of scripts/postgres.sh, or the
#                                              # server named by JIXIAO_BENCH_PG, a connection string; first run seeds)
#
# Steps: builds the web app and bench/Jixiao.WebBench (Release); unless cached in bench/web/.cache, generates the
# synthetic company (BenchDataGenerator), bulk-loads it into a new SQLite database (BulkSeeder), calculates the
# period, stores a second run of it with ~200 changed people for HR's comparison (bench/Jixiao.WebBench/ChangedRun.cs;
# added once to a cache seeded before it) and creates the accounts (50 salespeople, 50 store managers, 50 HR); starts the web app (--no-demo) on
# 127.0.0.1 against that database; signs the accounts in and measures each scenario with a
# closed-loop driver (bench/Jixiao.WebBench/LoadDriver.cs); prints p50/p95/p99, requests/s and PASS/FAIL vs the
# p95 limit; stops the web app. Exit code 0 = pass, 1 = a scenario over the limit or with errors.
set -euo pipefail
cd "$(dirname "$0")/../.."

employees=100000 sales=10000000 period=2026-10 concurrency=50 seconds=20 warmup=5 prewarm=15 port=5090 only="" limit=100 postgres=""
while [ $# -gt 0 ]; do
  case "$1" in
    --employees) employees=$2; shift 2 ;;
    --sales) sales=$2; shift 2 ;;
    --period) period=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --prewarm) prewarm=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --limit-ms) limit=$2; shift 2 ;;
    --postgres) postgres=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cache=bench/web/.cache
mkdir -p "$cache"
name="e$employees-s$sales-$period"
db="$cache/web-$name.db"
data="$cache/data-e$employees-s$sales"

echo "== build (Release)"
dotnet build src/Jixiao.Web -c Release -v q -nologo | tail -n 2
dotnet build bench/Jixiao.WebBench -c Release -v q -nologo | tail -n 2
bench="dotnet bench/Jixiao.WebBench/bin/Release/net10.0/Jixiao.WebBench.dll"

if [ -n "$postgres" ]; then
  # The database named after the data set on the given server (or the local test cluster); seeded once, the accounts
  # file is written last and marks a complete seed.
  server=${JIXIAO_BENCH_PG:-}
  if [ -z "$server" ]; then
    eval "$(bash scripts/postgres.sh --env)"
    server=$JIXIAO_TEST_PG
  fi
  pgdb="jixiao_bench_$(echo "$name" | tr -c 'a-z0-9\n' '_')"
  connection="$(echo "$server" | sed -E 's/(^|;)Database=[^;]*//I');Database=$pgdb"
  users="$cache/pg-$name.users.tsv"
  if [ ! -f "$users" ]; then
    echo "== seed $name into PostgreSQL database $pgdb"
    $bench seed --data "$data" --db "$pgdb" --postgres "$connection" --employees "$employees" --sales "$sales" --period "$period" --users "$concurrency" --users-file "$users"
  fi
  # HR's comparison needs a second run of the period: added once to a database seeded without it (ChangedRun.cs).
  $bench changed-run --postgres "$connection" --period "$period"
  store=(Database__Provider=Postgres ConnectionStrings__Jixiao="$connection")
  log="$cache/web-pg-$name.log"
else
  if [ ! -f "$db" ] || [ ! -f "$db.users.tsv" ]; then
    echo "== seed $name (cached in $db)"
    $bench seed --data "$data" --db "$db" --employees "$employees" --sales "$sales" --period "$period" --users "$concurrency"
  fi
  users="$db.users.tsv"
  $bench changed-run --db "$db" --period "$period"
  store=(ConnectionStrings__Jixiao="Data Source=$(realpath "$db")")
  log="$cache/web-$name.log"
fi

echo "== start web app on 127.0.0.1:$port (${postgres:+PostgreSQL}${postgres:-SQLite})"
env ASPNETCORE_ENVIRONMENT=Production "${store[@]}" \
  Scheduler__Enabled=false Logging__LogLevel__Default=Warning \
  dotnet src/Jixiao.Web/bin/Release/net10.0/Jixiao.Web.dll --no-demo --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
web=$!
trap 'kill "$web" 2>/dev/null; wait "$web" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$web" 2>/dev/null; then echo "web app exited:" >&2; cat "$log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null

echo "== load: $concurrency users, ${warmup}s warm-up + ${seconds}s per scenario; nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg)"
args=(load --url "http://127.0.0.1:$port" --server-pid "$web" --users "$users" --period "$period" --concurrency "$concurrency" --warmup "$warmup" --prewarm "$prewarm" --seconds "$seconds" --limit-ms "$limit")
[ -n "$only" ] && args+=(--only "$only")
$bench "${args[@]}"
