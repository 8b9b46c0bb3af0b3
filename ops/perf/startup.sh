#!/usr/bin/env bash
# Start-up to ready (issue #15 item 5): ./ops/perf.sh startup [runs]   (default 5 runs)
# Time from process start (`dotnet EPI.Collab.Api.dll`, already built, Release) to the first 200 of /health/ready,
# in Production mode against a database whose schema is already applied (Production applies nothing: `db-apply` first,
# as a deployment would). Polls /health/ready every 50 ms. Prints one line per run with `uptime`'s load average and
# the service's own CPU time (user+sys from /proc), then the time the first answers of three API endpoints take
# after ready (Dynamic mode compiles an endpoint on its first request), then the medians. The machine may be shared: read the load average.
# Env: EPI_PERF_PORT (default 5191), EPI_STARTUP_BUILD=0 (skip the build), EPI_STARTUP_ENV (default Production),
#      EPI_STARTUP_DLL (another build of the service, e.g. an older commit's, to compare under the same load).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$REPO_ROOT"
log() { printf 'startup: %s\n' "$*" >&2; }

runs="${1:-5}"
port="${EPI_PERF_PORT:-5191}"
environment="${EPI_STARTUP_ENV:-Production}"
dll="${EPI_STARTUP_DLL:-src/EPI.Collab.Api/bin/Release/net10.0/EPI.Collab.Api.dll}"

stop_pg=""
if [[ -z ${ConnectionStrings__Marten:-} ]]; then
  export EPI_PG_DIR="${EPI_PG_DIR:-$REPO_ROOT/.local/perf-pg}" EPI_PG_PORT="${EPI_PG_PORT:-54349}" EPI_PG_DB=epi_startup EPI_PG_FSYNC=off
  conn="$(./ops/pg.sh start | tail -n 1)"
  [[ -n $conn ]] || { log "could not start PostgreSQL"; exit 1; }
  psql_bin="$(dirname "$(find /usr/lib/postgresql -name psql -path '*/bin/*' | sort -V | tail -n1)")"
  "$psql_bin/psql" -X -q -h 127.0.0.1 -p "$EPI_PG_PORT" -U postgres -d postgres \
    -c "drop database if exists epi_startup with (force)" -c "create database epi_startup"
  export ConnectionStrings__Marten="$conn"
  [[ ${EPI_PERF_KEEP_PG:-0} == 1 ]] || stop_pg=1
fi

SERVICE_PID=""
# shellcheck disable=SC2317  # called via trap
cleanup() {
  local rc=$?
  if [[ -n $SERVICE_PID ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; fi
  [[ -z $stop_pg ]] || env -u ConnectionStrings__Marten ./ops/pg.sh stop || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ ${EPI_STARTUP_BUILD:-1} == 0 ]] || dotnet build src/EPI.Collab.Api -c Release -nologo -v q >&2
# Production needs a signing key, a personal-data master key and a schema it does not create itself.
export Auth__SigningKey="${Auth__SigningKey:-startup-measurement-signing-key-0123456789}"
export PersonalData__MasterKey="${PersonalData__MasterKey:-$(head -c 32 /dev/urandom | base64)}"
export Logging__LogLevel__Default=Warning
log "applying the schema (db-apply, Development: the deployment step, not measured)"
ASPNETCORE_ENVIRONMENT=Development dotnet "$dll" db-apply >/dev/null
ASPNETCORE_ENVIRONMENT=Development dotnet "$dll" resources setup >/dev/null

log "environment $environment; $runs runs; $(nproc) cores"
times=()
firsts=()
for i in $(seq 1 "$runs"); do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT="$environment" dotnet "$dll" --contentRoot "$REPO_ROOT/src/EPI.Collab.Api" \
    --urls "http://127.0.0.1:$port" >"${TMPDIR:-/tmp}/epi-startup-$port.log" 2>&1 &
  SERVICE_PID=$!
  ready=""
  while kill -0 "$SERVICE_PID" 2>/dev/null; do
    if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/ready"; then ready=1; break; fi
    sleep 0.05
  done
  end=$(date +%s%N)
  [[ -n $ready ]] || { log "run $i: the service exited before it was ready:"; tail -n 30 "${TMPDIR:-/tmp}/epi-startup-$port.log" >&2; exit 1; }
  # The service's own CPU until ready (clock ticks of utime+stime).
  ticks=$(awk '{ print $14 + $15 }' "/proc/$SERVICE_PID/stat")
  cpu_ms=$((ticks * 1000 / $(getconf CLK_TCK)))
  ms=$(((end - start) / 1000000))
  times+=("$ms")
  # Then the first answers of three endpoints, one after another: Dynamic mode compiles each endpoint on its first request.
  first_start=$(date +%s%N)
  for path in /api/cities /api/policy-areas /api/join/NOSUCHCODE; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "http://127.0.0.1:$port$path")
    [[ $code -lt 500 && $code -gt 0 ]] || { log "run $i: $path answered $code"; exit 1; }
  done
  first_ms=$((($(date +%s%N) - first_start) / 1000000))
  firsts+=("$first_ms")
  printf 'run %d: ready after %d ms (service CPU %d ms; load average %s); then 3 first API answers in %d ms\n' "$i" "$ms" "$cpu_ms" "$load" "$first_ms"
  kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
printf 'start-up to ready (%s): median %d ms over %d runs (%s ms); 3 first API answers after ready: median %d ms (%s ms)\n' \
  "$environment" "$(median "${times[@]}")" "$runs" "${times[*]}" "$(median "${firsts[@]}")" "${firsts[*]}"
