#!/usr/bin/env bash
# Runs the benchmark suite of performance.md end to end and writes BENCHMARKS.md at the repository root:
# Release builds, a throwaway PostgreSQL cluster (bench/.work, removed afterwards), migrations, 10 tenants
# (bench-big: 1,000,000 leads; bench-small-1..9: 10,000 each) seeded by binary COPY, the baseline host B and the API,
# then the autocannon scenarios. Usage: bench/run.sh   (env: BENCH_SECONDS=10 BENCH_CONNECTIONS=32)
set -euo pipefail
cd "$(dirname "$0")"
bench="$PWD"; root="$(cd .. && pwd)"; work="$bench/.work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
pg_port=5544 api_port=5600 baseline_port=5601
password="bench-$(date +%s)"

as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n1)"
[ -x "$bin/initdb" ] || { echo "bench: PostgreSQL server binaries are needed (apt-get install postgresql)" >&2; exit 1; }
command -v node >/dev/null || { echo "bench: node is needed" >&2; exit 1; }

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_postgres "$bin/pg_ctl" stop -D "$work/pg" -m fast >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

rm -rf "$work" && mkdir -p "$work/out" "$work/ids"
chmod 755 "$work"; [ "$(id -u)" -eq 0 ] && chown postgres: "$work"
echo "bench: building (Release)"
dotnet build "$root/src/M3CoreCrm.Api" -c Release -o "$work/out/api" -v q -nologo >/dev/null
dotnet build "$bench/Baseline" -c Release -o "$work/out/baseline" -v q -nologo >/dev/null
dotnet build "$bench/Seed" -c Release -o "$work/out/seed" -v q -nologo >/dev/null
(cd "$bench" && npm ci --no-audit --no-fund --silent)

echo "bench: starting PostgreSQL on port $pg_port"
as_postgres "$bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C >/dev/null
as_postgres "$bin/pg_ctl" start -D "$work/pg" -w -l "$work/pg.log" \
  -o "-p $pg_port -k $work -c shared_buffers=1GB -c max_connections=300 -c work_mem=16MB -c effective_cache_size=8GB" >/dev/null
psql_super() { "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
psql_super -c "CREATE ROLE crm_owner LOGIN CREATEROLE PASSWORD '$password'" -c "CREATE DATABASE m3bench OWNER crm_owner"

export ASPNETCORE_ENVIRONMENT=Production
export ConnectionStrings__CrmOwner="Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=crm_owner;Password=$password"
export ConnectionStrings__Crm="Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=crm_app;Password=$password;Maximum Pool Size=200"
export Jwt__SigningKey="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')-bench-signing-key"
export Platform__ApiKey="bench"
export Serilog__MinimumLevel__Default=Warning
# Full stack including the limiter, with budgets far above what one machine can send.
export RateLimiting__Tenant__RequestsPerMinute=100000000 RateLimiting__User__RequestsPerMinute=100000000
export RateLimiting__Anonymous__RequestsPerMinute=100000000 RateLimiting__Auth__PerIp__RequestsPerMinute=100000000
export RateLimiting__Auth__PerAccount__RequestsPerMinute=100000000
api="dotnet $work/out/api/M3CoreCrm.Api.dll"
$api migrate >/dev/null
owner_password="Bench-Owner-Pass-2026"
for slug in bench-big bench-small-{1..9}; do
  $api tenant create --slug "$slug" --name "$slug" --admin-email "owner@$slug.test" --admin-password "$owner_password" >/dev/null
done

echo "bench: seeding"
dotnet "$work/out/seed/M3CoreCrm.Bench.Seed.dll" "Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=postgres" "$work/ids"

ASPNETCORE_URLS="http://127.0.0.1:$api_port" $api >"$work/api.log" 2>&1 & pids+=($!)
ASPNETCORE_URLS="http://127.0.0.1:$baseline_port" Baseline__ConnectionString="Host=127.0.0.1;Port=$pg_port;Database=m3bench;Username=postgres;Maximum Pool Size=200" \
  Baseline__TenantId="$(cat "$work/ids/bench-big.tenant")" dotnet "$work/out/baseline/M3CoreCrm.Bench.Baseline.dll" >"$work/baseline.log" 2>&1 & pids+=($!)
for url in "http://127.0.0.1:$api_port/health/ready" "http://127.0.0.1:$baseline_port/raw/00000000-0000-0000-0000-000000000000"; do
  for _ in $(seq 1 60); do curl -s -o /dev/null "$url" && break; sleep 1; done
done

token() { curl -s -X POST "http://127.0.0.1:$api_port/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"tenant\":\"$1\",\"email\":\"owner@$1.test\",\"password\":\"$owner_password\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
export BENCH_API="http://127.0.0.1:$api_port" BENCH_BASELINE="http://127.0.0.1:$baseline_port" BENCH_IDS="$work/ids"
export BENCH_TOKEN_BIG="$(token bench-big)" BENCH_TOKEN_SMALL="$(token bench-small-1)"
export BENCH_LOGIN_BODY="{\"tenant\":\"bench-small-2\",\"email\":\"owner@bench-small-2.test\",\"password\":\"$owner_password\"}"
export BENCH_OUT="$root/BENCHMARKS.md" BENCH_COMMAND="bench/run.sh"
node "$bench/run.mjs"
