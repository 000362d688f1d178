#!/usr/bin/env bash
# Runs the API and the web app on http://localhost:5080 (Swagger UI at /swagger).
# With a Docker engine: docker compose up --build (PostgreSQL, Redis and the API in containers).
# Without one: a local PostgreSQL cluster in .data/pg on port 5433 (unless ConnectionStrings__Crm is set), then the
# API built in Release: migrate, seed the demo tenant, serve. Safe to run again: every step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

swagger="http://localhost:5080/swagger"
web_app="http://localhost:5080/"
# The demo command's tenant and owner (it prints every demo account).
demo_sign_in="workspace demo, owner@demo.m3core.test / Sunny-Marina-2026!"

if command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then
  echo "Docker engine found: starting PostgreSQL, Redis and the API with docker compose."
  echo "Web app: $web_app (sign in: $demo_sign_in), Swagger UI: $swagger (once the api container has migrated and started)"
  exec docker compose up --build
fi

is_root() { [ "$(id -u)" -eq 0 ]; }

# PostgreSQL refuses to run as root: its tools run as the postgres OS user then.
as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

find_pg_bin() {
  local dir
  dir="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n1)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; fi
}

install_postgres() {
  echo "run.sh: installing PostgreSQL with apt-get"
  local sudo=""
  if ! is_root; then sudo="sudo"; fi
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
}

start_local_postgres() {
  local port="${M3CORE_DEV_PG_PORT:-5433}"
  local data="$root/.data/pg" run="$root/.data/run" bin sql
  bin="$(find_pg_bin)"
  if [ -z "$bin" ]; then install_postgres; bin="$(find_pg_bin)"; fi
  [ -n "$bin" ] || { echo "run.sh: no PostgreSQL server binaries found" >&2; exit 1; }

  mkdir -p "$data" "$run"
  if is_root; then
    chown postgres: "$data" "$run"
    chmod 700 "$data"
    if ! runuser -u postgres -- test -w "$run"; then
      echo "run.sh: the postgres OS user cannot reach $run; give its parent folders o+x, or set ConnectionStrings__Crm" >&2
      exit 1
    fi
  fi
  # A Unix socket path must fit in 107 bytes; /tmp serves when the repository lies deep.
  local socket_dir="$run"
  if [ ${#socket_dir} -gt 90 ]; then socket_dir=/tmp; fi

  if [ ! -f "$data/PG_VERSION" ]; then
    echo "run.sh: creating the PostgreSQL cluster in .data/pg"
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    echo "run.sh: starting PostgreSQL on port $port"
    as_postgres "$bin/pg_ctl" start -D "$data" -l "$run/postgres.log" -w -t 60 \
      -o "-p $port -c listen_addresses=localhost -k '$socket_dir'" >/dev/null
  fi

  # The superuser connects over the socket (trust); roles connect over TCP with their passwords.
  psql_super() { as_postgres "$bin/psql" -h "$socket_dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
  psql_super -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crm_owner') THEN
        CREATE ROLE crm_owner LOGIN CREATEROLE PASSWORD 'crm_owner_dev';
      END IF;
    END \$\$;"
  if [ -z "$(psql_super -c "SELECT 1 FROM pg_database WHERE datname = 'm3core'")" ]; then
    psql_super -c "CREATE DATABASE m3core OWNER crm_owner"
  fi
  sql="Host=localhost;Port=$port;Database=m3core"
  export ConnectionStrings__CrmOwner="$sql;Username=crm_owner;Password=crm_owner_dev"
  export ConnectionStrings__Crm="$sql;Username=crm_app;Password=crm_app_dev"
  echo "run.sh: PostgreSQL is up (stop it with: ${bin}/pg_ctl stop -D .data/pg, as the postgres user when root)"
}

if [ -z "${ConnectionStrings__Crm:-}" ]; then
  start_local_postgres
fi

# The build runs npm for the web app (src/M3CoreCrm.Api/WebApp.targets); without Node.js the API is served alone.
web_build=()
if ! command -v npm >/dev/null 2>&1; then
  echo "run.sh: no npm on the PATH: building the API alone (install Node.js 20+ for the web app)"
  web_build=(-p:SkipWebBuild=true)
fi
echo "run.sh: building the API and the web app (Release)"
dotnet build src/M3CoreCrm.Api/M3CoreCrm.Api.csproj -c Release -v quiet -nologo "${web_build[@]}"

# The host reads appsettings*.json from its working folder.
cd src/M3CoreCrm.Api/bin/Release/net10.0
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

dotnet M3CoreCrm.Api.dll migrate

# The demo command seeds the demo tenant and prints its credentials; a host without it says "Unknown command".
set +e
demo_output="$(dotnet M3CoreCrm.Api.dll demo 2>&1)"
demo_status=$?
set -e
echo "$demo_output"
if [ $demo_status -ne 0 ]; then
  if grep -q "Unknown command" <<<"$demo_output"; then
    echo "run.sh: this build has no demo command yet; skipping the demo data"
  else
    echo "run.sh: the demo command failed ($demo_status)" >&2
    exit $demo_status
  fi
fi

echo "Swagger UI: $swagger"
if [ -f wwwroot/index.html ]; then
  echo "Web app: $web_app (sign in: $demo_sign_in)"
fi
export ASPNETCORE_URLS="http://localhost:5080"
exec dotnet M3CoreCrm.Api.dll
