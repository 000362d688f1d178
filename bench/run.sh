#!/usr/bin/env bash
# Runs the benchmark suite of docs/performance.md end to end and writes BENCHMARKS.md at the repository root:
# Release builds, a throwaway PostgreSQL cluster (bench/.work, removed afterwards), migrations, 10 tenants
# (bench-big: 1,000,000 leads; bench-small-1..9: 10,000 each) seeded by binary COPY, the baseline host B and the API,
# then the autocannon scenarios. Usage: bench/run.sh
# Environment: BENCH_SECONDS (per load phase, default 10), BENCH_CONNECTIONS (32), BENCH_MIXED_SECONDS (S6, 600),
# BENCH_SCALE (fraction of the data set, default 1), BENCH_QUICK=1 (development: 3 s phases, 5% of the data, 30 s S6),
# BENCH_KEEP=1 (leave the cluster and hosts running after the scenarios, for psql / profiling; Ctrl-C ends them),
# BENCH_SCENARIOS (comma list such as S0,S1,S8 to run only those), BENCH_NO_BUILD=1 (reuse bench/.build).
set -euo pipefail
cd "$(dirname "$0")"
bench="$PWD"; root="$(cd .. && pwd)"; work="$bench/.work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
pg_port=5544 api_port=5600 baseline_port=5601
password="bench-$(date +%s)"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  export BENCH_SECONDS="${BENCH_SECONDS:-3}" BENCH_SCALE="${BENCH_SCALE:-0.05}" BENCH_MIXED_SECONDS="${BENCH_MIXED_SECONDS:-30}"
fi
export BENCH_SCALE="${BENCH_SCALE:-1}"

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n1)"
[ -x "$bin/initdb" ] || { echo "bench: PostgreSQL server binaries are needed (apt-get install postgresql)" >&2; exit 1; }
command -v node >/dev/null || { echo "bench: node is needed" >&2; exit 1; }

for port in $pg_port $api_port $baseline_port; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "bench: port $port is in use (an earlier run still going?)" >&2; exit 1; fi
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_postgres "$bin/pg_ctl" stop -D "$work/pg" -m fast >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$work" && mkdir -p "$work/ids"
chmod 755 "$work"; [ "$(id -u)" -eq 0 ] && chown postgres: "$work"
out="$bench/.build"
build() { dotnet build "$1" -c Release -o "$out/$2" -v q -nologo "${@:3}" >"$work/build-$2.log" 2>&1 || { cat "$work/build-$2.log" >&2; exit 1; }; }
if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ ! -d "$out/api" ]; then
  echo "bench: building (Release)"
  rm -rf "$out"
  # The web app is built only for BENCH_WEB=1 (bench/web.sh): the API scenarios never load it.
  build "$root/src/M3CoreCrm.Api" api "-p:SkipWebBuild=$([ "${BENCH_WEB:-0}" = 1 ] && echo false || echo true)"; build "$bench/Baseline" baseline; build "$bench/Seed" seed
fi
[ -d "$bench/node_modules/autocannon" ] && [ -d "$bench/node_modules/playwright-core" ] || (cd "$bench" && npm ci --no-audit --no-fund --silent)

echo "bench: starting PostgreSQL on port $pg_port"
as_postgres "$bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C >/dev/null
# Settings of a write-tuned production server rather than the defaults: checkpoints every 30 min or 8 GB of WAL (not
# 5 min / 1 GB) and lz4-compressed full-page images. With the defaults the first timed checkpoint after the seed's own
# CHECKPOINT fell on S4/S5 in every run (the schedule is the same each time), and the burst of full-page writes that
# follows a checkpoint's start coincided with 1-2 s stalls of the whole machine (not the only cause of those).
as_postgres "$bin/pg_ctl" start -D "$work/pg" -w -l "$work/pg.log" \
  -o "-p $pg_port -k $work -c shared_buffers=1GB -c max_connections=500 -c work_mem=16MB -c effective_cache_size=8GB \
      -c checkpoint_timeout=30min -c max_wal_size=8GB -c wal_compression=lz4" >/dev/null
psql_super() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
psql_super -c "CREATE ROLE crm_owner LOGIN CREATEROLE PASSWORD '$password'" -c "CREATE DATABASE m3bench OWNER crm_owner"

export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__CrmOwner="Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=crm_owner;Password=$password"
# Both hosts keep a fixed pool sized to the machine, not to the traffic: 40 connections, never pruned. With a pool that
# grows on demand (up to 200), a hiccup queued requests, the pool opened a new PostgreSQL backend for each (fork, cold
# caches, statements not yet prepared), which cost the CPU the queue needed: a 1-2 s stall (S5's, and B's own at S0).
pool="Maximum Pool Size=40;Minimum Pool Size=40"
export ConnectionStrings__Crm="Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=crm_app;Password=$password;$pool"
export Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')-bench-signing-key"
export Platform__ApiKey="$(head -c 48 /dev/urandom | base64 | tr -d "/+=")" # production refuses a short key
export Serilog__MinimumLevel__Default=Warning
# Full stack including the limiter, with budgets far above what one machine can send.
# S7 gives its noisy tenant a realistic plan limit (tenants.requests_per_minute), read again within a second.
export RateLimiting__Tenant__RequestsPerMinute=1000000 RateLimiting__User__RequestsPerMinute=1000000
export RateLimiting__Anonymous__RequestsPerMinute=1000000 RateLimiting__Auth__PerIp__RequestsPerMinute=1000000
export RateLimiting__Auth__PerAccount__RequestsPerMinute=1000000 RateLimiting__TenantLimitsCacheSeconds=1
api="dotnet $out/api/M3CoreCrm.Api.dll"
$api migrate >/dev/null
owner_password="Quiet-Harbor-Lantern-2026"
for slug in bench-big bench-small-{1..9}; do
  $api tenant create --slug "$slug" --name "$slug" --admin-email "owner@$slug.test" --admin-password "$owner_password" >/dev/null
done

echo "bench: seeding"
dotnet "$out/seed/M3CoreCrm.Bench.Seed.dll" "Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=postgres" "$work/ids"

# Each host runs in its own folder, as a deployment would: the content root is the working folder, and ASP.NET Core
# watches it (recursively) for appsettings changes. Started from bench/ the API watched the cluster's data folder in
# .work and handled an inotify event for every write PostgreSQL made, with S4's writes at their peak.
(cd "$out/api" && ASPNETCORE_URLS="http://127.0.0.1:$api_port" exec dotnet M3CoreCrm.Api.dll) >"$work/api.log" 2>&1 & pids+=($!); api_pid=$!
(cd "$out/baseline" && ASPNETCORE_URLS="http://127.0.0.1:$baseline_port" \
  Baseline__ConnectionString="Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=postgres;$pool" \
  Baseline__TenantId="$(cat "$work/ids/bench-big.tenant")" exec dotnet M3CoreCrm.Bench.Baseline.dll) >"$work/baseline.log" 2>&1 & pids+=($!)
for url in "http://127.0.0.1:$api_port/health/ready" "http://127.0.0.1:$baseline_port/raw/00000000-0000-0000-0000-000000000000"; do
  for _ in $(seq 1 60); do curl -s -o /dev/null "$url" && break; sleep 1; done
done

export BENCH_API="http://127.0.0.1:$api_port" BENCH_BASELINE="http://127.0.0.1:$baseline_port" BENCH_IDS="$work/ids"
export BENCH_PASSWORD="$owner_password"
export BENCH_API_PID="$api_pid" BENCH_PSQL="$bin/psql -h 127.0.0.1 -p $pg_port -U postgres -d m3bench -qAt"
export BENCH_OUT="${BENCH_OUT:-$root/BENCHMARKS.md}" BENCH_COMMAND="${BENCH_COMMAND:-bench/run.sh}"
[ "${BENCH_SCENARIOS:-all}" = none ] || node "$bench/run.mjs"
[ "${BENCH_WEB:-0}" != 1 ] || node "$bench/web-budget.mjs"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
  echo "bench: kept running (Ctrl-C or kill $$ ends it): psql -h 127.0.0.1 -p $pg_port -U postgres m3bench; API $BENCH_API (pid $api_pid)"
  sleep infinity & pids+=($!); wait $!
fi
