#!/usr/bin/env bash
# Budgets of the web app (bench/web-budget.mjs): run.sh's throwaway PostgreSQL and Release host (the web app built
# into its wwwroot), the bench tenants at 1% (bench-big: 10,000 leads), then headless Chromium measures the first
# page's JavaScript, sign-in to the leads page and scrolling; the "Web app" section of BENCHMARKS.md is replaced.
# Usage: bench/web.sh   (needs node, PostgreSQL's server binaries and Debian's chromium, or M3CORE_CHROMIUM)
set -euo pipefail
cd "$(dirname "$0")"
export BENCH_WEB=1 BENCH_SCENARIOS=none BENCH_SCALE="${BENCH_SCALE:-0.01}" BENCH_COMMAND="${BENCH_COMMAND:-bench/web.sh}"
exec ./run.sh
