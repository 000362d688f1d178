#!/usr/bin/env bash
# Builds and runs every test project (Release), and the web app's unit tests when src/M3CoreCrm.Web exists (in the
# background, meanwhile), then prints one summary line "N passed, N failed[, N skipped]" computed from the TRX and
# JUnit files, and the line coverage of the src assemblies. The console shows progress, failures and the summary;
# the test hosts' logs (the expected errors of fault tests among them) go to TestResults/logs/. Exits non-zero when the build or a
# test failed, or when line coverage of src is below 80%. The integration tests need PostgreSQL (and Redis): from
# M3CORE_TEST_POSTGRES / M3CORE_TEST_REDIS, a Docker engine, or the local server binaries, which this script installs
# when none of those is there; the browser smoke test needs Chromium, installed the same way.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

docker_answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}

have_postgres_binaries() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else
    echo "test.sh: need root (or sudo) to run: $*" >&2; return 1
  fi
}

# Installs Debian packages without starting their services: the tests start throwaway servers of their own.
apt_install() {
  echo "test.sh: installing $* with apt-get"
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod +x $policy" && created=1
  fi
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
  if [ -n "$created" ]; then as_root rm -f "$policy"; fi
}

packages=()
if [ -z "${M3CORE_TEST_POSTGRES:-}" ] || [ -z "${M3CORE_TEST_REDIS:-}" ]; then
  if ! docker_answers; then
    if [ -z "${M3CORE_TEST_POSTGRES:-}" ] && ! have_postgres_binaries; then packages+=(postgresql); fi
    if [ -z "${M3CORE_TEST_REDIS:-}" ] && ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
      packages+=(redis-server)
    fi
  fi
fi
# The browser smoke test drives the distribution's Chromium (no browser download): M3CORE_CHROMIUM names another.
if [ -z "${M3CORE_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  packages+=(chromium)
fi
web="$root/src/M3CoreCrm.Web"
if [ -f "$web/package.json" ] && ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if [ ${#packages[@]} -gt 0 ]; then apt_install "${packages[@]}"; fi

# Throwaway servers live under this folder, so whatever a crashed test host leaves running is stopped here.
M3CORE_TEST_TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/m3core-tests.XXXXXX")"
chmod 755 "$M3CORE_TEST_TMPDIR" # the postgres OS user must reach its data folder inside
export M3CORE_TEST_TMPDIR

cleanup() {
  local pidfile pid
  for pidfile in "$M3CORE_TEST_TMPDIR"/*/data/postmaster.pid "$M3CORE_TEST_TMPDIR"/*/redis.pid; do
    [ -f "$pidfile" ] || continue
    pid="$(head -n1 "$pidfile")"
    if grep -qE 'postgres|redis-server' "/proc/$pid/cmdline" 2>/dev/null; then
      echo "test.sh: stopping leftover server $pid ($(dirname "$pidfile"))"
      kill -QUIT "$pid" 2>/dev/null || true # PostgreSQL's immediate shutdown; Redis quits too
      sleep 1
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$M3CORE_TEST_TMPDIR"
}
trap cleanup EXIT

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results/logs"
export M3CORE_TEST_LOGS="$results/logs"

start=$SECONDS
# The web app's unit tests run beside the .NET build and tests; they write TestResults/web-unit.junit.xml.
web_pid=""
if [ -f "$web/package.json" ]; then
  # npm ci runs once, before the build: the host's build compiles the web app from the same node_modules.
  echo "test.sh: installing the web app's packages (npm ci)"
  ( cd "$web" && npm ci --no-audit --no-fund --loglevel=error ) >"$results/logs/web-npm-ci.log" 2>&1 \
    || { tail -n 40 "$results/logs/web-npm-ci.log"; echo "test.sh: npm ci failed"; exit 1; }
  echo "test.sh: web unit tests started (log: TestResults/logs/web-unit.log)"
  ( cd "$web" && npm run test:ci ) >"$results/logs/web-unit.log" 2>&1 &
  web_pid=$!
fi

# The published OpenAPI document (docs/openapi/v1.json, which a .NET test keeps equal to the generated one) must lint
# clean with Redocly and Spectral (versions pinned in tools/openapi); writes TestResults/openapi-lint.junit.xml.
lint_pid=""
if [ -f "$root/tools/openapi/package.json" ] && command -v npm >/dev/null 2>&1; then
  echo "test.sh: OpenAPI lint started (log: TestResults/logs/openapi-lint.log)"
  ( cd "$root/tools/openapi" && npm ci --no-audit --no-fund --loglevel=error \
      && node lint.mjs "$root/docs/openapi/v1.json" "$results/openapi-lint.junit.xml" ) >"$results/logs/openapi-lint.log" 2>&1 &
  lint_pid=$!
fi

echo "test.sh: building (Release)"
set +e
dotnet build M3CoreCrm.sln -c Release -v quiet -nologo -clp:ErrorsOnly
status=$?
if [ "$status" -eq 0 ]; then
  echo "test.sh: running the .NET test projects (one line per project as it finishes)"
  dotnet test M3CoreCrm.sln -c Release --no-build \
    --logger "trx;LogFilePrefix=tests" \
    --logger "console;verbosity=minimal" \
    --results-directory "$results" \
    --collect:"XPlat Code Coverage" \
    --blame-hang-timeout 10m
  status=$?
fi
set -e
echo "test.sh: .NET build and tests exited with $status after $((SECONDS - start)) s"

web_status=0
if [ -n "$web_pid" ]; then
  set +e
  wait "$web_pid"
  web_status=$?
  set -e
  echo "test.sh: web unit tests exited with $web_status after $((SECONDS - start)) s"
  if [ "$web_status" -ne 0 ]; then tail -n 40 "$results/logs/web-unit.log"; fi
fi

lint_status=0
if [ -n "$lint_pid" ]; then
  set +e
  wait "$lint_pid"
  lint_status=$?
  set -e
  echo "test.sh: OpenAPI lint exited with $lint_status"
  if [ "$lint_status" -ne 0 ]; then tail -n 40 "$results/logs/openapi-lint.log"; fi
fi

# Counters of every TRX file: <Counters total=".." executed=".." passed=".." failed=".." ... notExecuted=".." />
counter() {
  local name="$1" sum=0 file value
  for file in "$results"/*.trx; do
    [ -f "$file" ] || continue
    value="$(grep -o "<Counters [^>]*" "$file" | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9]*' || true)"
    sum=$((sum + ${value:-0}))
  done
  echo "$sum"
}
# Attributes of every <testsuite> (not <testsuites>, which repeats their sums) of every JUnit file.
junit() {
  local name="$1" sum=0 file value
  for file in "$results"/*.junit.xml; do
    [ -f "$file" ] || continue
    for value in $(grep -o '<testsuite [^>]*' "$file" | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9]*' || true); do
      sum=$((sum + value))
    done
  done
  echo "$sum"
}
junit_failed=$(($(junit failures) + $(junit errors)))
junit_skipped="$(junit skipped)"
junit_passed=$(($(junit tests) - junit_failed - junit_skipped))

passed=$(($(counter passed) + junit_passed))
dotnet_failed=$(($(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
failed=$((dotnet_failed + junit_failed))
skipped=$(($(counter total) - $(counter executed) + junit_skipped))
trx_count="$(find "$results" -maxdepth 1 -name '*.trx' | wc -l)"
if [ "$status" -ne 0 ] && [ "$dotnet_failed" -eq 0 ]; then
  failed=$((failed + 1)) # the build failed or a test host crashed before it could report
fi
if [ "$web_status" -ne 0 ] && [ "$junit_failed" -eq 0 ]; then
  failed=$((failed + 1)) # npm ci or the web test run failed before it could report
fi
if [ "$lint_status" -ne 0 ] && [ ! -f "$results/openapi-lint.junit.xml" ]; then
  failed=$((failed + 1)) # npm ci of the lint tools failed before the lint could report
fi

# Line coverage of the M3CoreCrm.* assemblies, lines merged across test projects (covered by any counts once).
coverage="$(find "$results" -name 'coverage.cobertura.xml' -print0 | xargs -0 -r awk '
  /<package / { match($0, /name="[^"]*"/); pkg = substr($0, RSTART + 6, RLENGTH - 7); keep = (pkg ~ /^M3CoreCrm\./ && pkg !~ /Tests$/) }
  /<class / { match($0, /filename="[^"]*"/); file = substr($0, RSTART + 10, RLENGTH - 11) }
  keep && /<line / {
    match($0, /number="[0-9]*"/); n = substr($0, RSTART + 8, RLENGTH - 9)
    match($0, /hits="[0-9]*"/); h = substr($0, RSTART + 6, RLENGTH - 7)
    key = file ":" n
    if (!(key in seen)) { seen[key] = 1; total++ }
    if (h + 0 > 0 && !(key in hit)) { hit[key] = 1; covered++ }
  }
  END { if (total > 0) printf "%.1f%% (%d of %d lines)", 100 * covered / total, covered, total; else print "n/a" }')"
echo "test.sh: line coverage of src: ${coverage:-n/a}; TRX files: $trx_count; JUnit files: $(find "$results" -maxdepth 1 -name '*.junit.xml' | wc -l); results and logs in TestResults/"

# The floor the specification sets for line coverage; M3CORE_MIN_LINE_COVERAGE changes it (e.g. for a partial run).
min_coverage="${M3CORE_MIN_LINE_COVERAGE:-80}"
coverage_failed=0
if [[ "${coverage:-}" =~ \(([0-9]+)\ of\ ([0-9]+)\ lines\) ]]; then
  if [ $((BASH_REMATCH[1] * 100)) -lt $((min_coverage * BASH_REMATCH[2])) ]; then
    echo "test.sh: FAIL: line coverage of src ${coverage%% *} is below the required ${min_coverage}%"
    coverage_failed=1
  fi
else
  echo "test.sh: FAIL: no line coverage was collected, so the required ${min_coverage}% cannot be checked"
  coverage_failed=1
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi

if [ "$status" -ne 0 ] || [ "$web_status" -ne 0 ] || [ "$lint_status" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$coverage_failed" -ne 0 ]; then exit 1; fi
